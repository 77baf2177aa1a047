package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.testkit.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands where the audit webhook handler would: receives the local API servers' audit batches as they are posted
 * (through scripts/audit-forward) and keeps them, so a test can wait for the event it caused and then hand the very
 * requests to the handler, as Function URL events.
 */
final class AuditCapture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One posted batch, as it arrived. */
  record Posted(String path, String authorization, byte[] body) {

    APIGatewayV2HTTPEvent asEvent() {
      return event(path, authorization, body);
    }

    List<JsonNode> events() {
      try {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(body).path("items").forEach(out::add);
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Posted> posted = new CopyOnWriteArrayList<>();

  AuditCapture() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/audit", ex -> {
      try (ex; InputStream in = ex.getRequestBody()) {
        posted.add(new Posted(ex.getRequestURI().getRawPath(), ex.getRequestHeaders().getFirst("Authorization"),
            in.readAllBytes()));
        ex.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The batches posted so far, oldest first. */
  List<Posted> posted() {
    return List.copyOf(posted);
  }

  /** Waits (at most a minute) until an event of {@code cluster} matching {@code which} has been posted. */
  void await(String what, String cluster, Predicate<JsonNode> which) {
    Processes.await(what, Duration.ofMinutes(1), () -> posted.stream()
        .filter(p -> p.path().equals("/audit/" + cluster)).flatMap(p -> p.events().stream()).anyMatch(which));
  }

  /** A Function URL event of a POST to {@code path}, as the local runner makes one. */
  static APIGatewayV2HTTPEvent event(String path, String authorization, byte[] body) {
    Map<String, String> headers = authorization == null ? Map.of("content-type", "application/json")
        : Map.of("content-type", "application/json", "authorization", authorization);
    return APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(headers)
        .withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
            .build())
        .build();
  }

  static APIGatewayV2HTTPEvent event(String path, String authorization, String body) {
    return event(path, authorization, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether an audit event is {@code verb} of {@code resource} (with {@code subresource}, or none) ns/name. */
  static Predicate<JsonNode> write(String verbs, String resource, String subresource, String ns, String name) {
    return e -> e.path("stage").asText().equals("ResponseComplete")
        && List.of(verbs.split(",")).contains(e.path("verb").asText())
        && e.path("objectRef").path("resource").asText().equals(resource)
        && e.path("objectRef").path("subresource").asText("").equals(subresource)
        && e.path("objectRef").path("namespace").asText().equals(ns)
        && (name == null || e.path("objectRef").path("name").asText().equals(name));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
