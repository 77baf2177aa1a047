package dev.driftless.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The webhook samples in {@code events/} (Function URL events, each signed with {@link #TEST_SECRET}):
 * loads them, computes the signature headers each should carry, and, run as a program, re-signs them in
 * place after a body was edited:
 *
 * <pre>mvn -o -q -pl functions test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.driftless.functions.webhook.WebhookSamples -Dexec.args=--write</pre>
 *
 * Without {@code --write} it only lists the samples whose signatures are stale.
 */
public final class WebhookSamples {

  /** The secret every sample is signed with (documented in events/README.md). */
  public static final String TEST_SECRET = "driftless-test-secret";

  /** Every signature header a sample may carry, with how its value is made. */
  static final Map<String, Signatures> SIGNATURE_HEADERS = new LinkedHashMap<>();

  static {
    SIGNATURE_HEADERS.put("x-hub-signature-256", Signatures.HMAC_SHA256_PREFIXED);
    SIGNATURE_HEADERS.put("x-hub-signature", Signatures.HMAC_SHA256_PREFIXED);
    SIGNATURE_HEADERS.put("x-driftless-signature", Signatures.HMAC_SHA256_PREFIXED);
    SIGNATURE_HEADERS.put("x-gitea-signature", Signatures.HMAC_SHA256_HEX);
    SIGNATURE_HEADERS.put("x-forgejo-signature", Signatures.HMAC_SHA256_HEX);
    SIGNATURE_HEADERS.put("x-gogs-signature", Signatures.HMAC_SHA256_HEX);
    SIGNATURE_HEADERS.put("x-gitlab-token", Signatures.TOKEN);
  }

  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private WebhookSamples() {}

  /** The events directory, found from the module or the repository root. */
  public static Path dir() {
    for (Path p : List.of(Path.of("../events"), Path.of("events"))) {
      if (Files.isDirectory(p)) return p;
    }
    throw new IllegalStateException("events/ not found from " + Path.of("").toAbsolutePath());
  }

  public static List<String> names() {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("webhook-") && n.endsWith(".json"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static APIGatewayV2HTTPEvent load(String name) {
    try {
      return JSON.readValue(dir().resolve(name).toFile(), APIGatewayV2HTTPEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException("sample " + name, e);
    }
  }

  /** The signature headers the sample should carry for its body and the test secret. */
  public static Map<String, String> expectedSignatures(APIGatewayV2HTTPEvent e) {
    Map<String, String> out = new LinkedHashMap<>();
    byte[] body = e.getBody().getBytes(StandardCharsets.UTF_8);
    SIGNATURE_HEADERS.forEach((h, s) -> {
      if (e.getHeaders().containsKey(h)) out.put(h, s.sign(TEST_SECRET, body));
    });
    return out;
  }

  /** A copy of the event with other headers set (null removes one) and, when not null, another body. */
  public static APIGatewayV2HTTPEvent with(APIGatewayV2HTTPEvent e, Map<String, String> headers, String body) {
    APIGatewayV2HTTPEvent copy = JSON.convertValue(JSON.valueToTree(e), APIGatewayV2HTTPEvent.class);
    Map<String, String> h = new LinkedHashMap<>(e.getHeaders());
    headers.forEach((k, v) -> {
      if (v == null) h.remove(k); else h.put(k, v);
    });
    copy.setHeaders(h);
    if (body != null) copy.setBody(body);
    return copy;
  }

  /** The event with its body replaced and every signature header recomputed with {@code secret}. */
  public static APIGatewayV2HTTPEvent signed(APIGatewayV2HTTPEvent e, String body, String secret) {
    Map<String, String> sigs = new LinkedHashMap<>();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SIGNATURE_HEADERS.forEach((h, s) -> {
      if (e.getHeaders().containsKey(h)) sigs.put(h, s.sign(secret, bytes));
    });
    return with(e, sigs, body);
  }

  /** The event with its JSON body edited and signed again with {@code secret}. */
  public static APIGatewayV2HTTPEvent edited(APIGatewayV2HTTPEvent e, Consumer<ObjectNode> edit, String secret) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(e.getBody());
      edit.accept(body);
      return signed(e, body.toString(), secret);
    } catch (IOException x) {
      throw new UncheckedIOException("sample body", x);
    }
  }

  public static void main(String[] args) throws IOException {
    boolean write = List.of(args).contains("--write");
    List<String> stale = new ArrayList<>();
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    for (String name : names()) {
      Path file = dir().resolve(name);
      ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
      ObjectNode headers = (ObjectNode) tree.get("headers");
      Map<String, String> expected = expectedSignatures(load(name));
      boolean changed = false;
      for (Iterator<Map.Entry<String, String>> it = expected.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, String> x = it.next();
        if (!x.getValue().equals(headers.path(x.getKey()).asText())) {
          headers.put(x.getKey(), x.getValue());
          changed = true;
        }
      }
      if (changed) {
        stale.add(name);
        if (write) {
          Files.writeString(file, JSON.writer(pretty).writeValueAsString(tree) + "\n");
        }
      }
    }
    System.out.println((write ? "re-signed: " : "stale: ") + (stale.isEmpty() ? "none" : String.join(", ", stale)));
  }
}
