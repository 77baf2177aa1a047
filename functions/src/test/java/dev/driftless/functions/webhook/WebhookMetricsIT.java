package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.testkit.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The webhook's delivery metric: one EMF line per request, by provider and outcome, whose dimension values are
 * fixed words whatever the request says (a sender cannot mint metrics, each a monthly charge, with its headers).
 */
@LocalAws
class WebhookMetricsIT {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aVerifiedPushAnUnsignedOneAndAnUnknownSenderAreCountedByProviderAndOutcome() throws Exception {
    WebhookTestBed bed = new WebhookTestBed();
    bed.secret("https://github.com/acme/deploy", WebhookSamples.TEST_SECRET)
        .app("gh-main", "https://github.com/acme/deploy.git", "main");
    APIGatewayV2HTTPEvent push = WebhookSamples.load("webhook-github-push.json");
    Map<String, String> unsigned = new HashMap<>();
    unsigned.put("x-hub-signature-256", null);
    unsigned.put("x-github-delivery", "unsigned-delivery");
    Map<String, String> unknown = new HashMap<>();
    unknown.put("x-github-event", null);
    unknown.put("x-made-up-event", "minted-dimension-value");

    List<JsonNode> lines = captured(() -> {
      bed.send(push);
      bed.send(WebhookSamples.with(push, unsigned, null));
      bed.send(WebhookSamples.with(push, unknown, null));
      return null;
    });

    List<JsonNode> deliveries = lines.stream().filter(l -> l.has("WebhookDeliveries")).toList();
    assertThat(deliveries).extracting(l -> l.path("Provider").asText() + "/" + l.path("Outcome").asText())
        .containsExactly("github/queued", "github/unverified", "unknown/refused");
    assertThat(deliveries).allSatisfy(l -> assertThat(json.convertValue(
        l.at("/_aws/CloudWatchMetrics/0/Dimensions"), List.class)).isEqualTo(List.of(List.of("Provider", "Outcome"))));
    assertThat(lines.toString()).doesNotContain("minted-dimension-value");
  }

  /** What standard output received while {@code run} ran, one JSON object per line. */
  private List<JsonNode> captured(Supplier<Void> run) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      run.get();
    } finally {
      System.setOut(out);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) lines.add(json.readTree(line));
    }
    return lines;
  }
}
