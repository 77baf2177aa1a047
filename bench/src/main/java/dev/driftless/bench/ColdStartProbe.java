package dev.driftless.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.WebhookHandler;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One cold answer: in a new JVM, the runtime's constructor from the environment and one signed push (the
 * sample named by {@code PROBE_SAMPLE}, with a new delivery id). Prints the time from the parent's spawn of
 * this JVM to the handler built and to the first answer. Run by {@link WebhookBench}.
 */
public final class ColdStartProbe {

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    // The parent's System.nanoTime() just before it started this JVM (CLOCK_MONOTONIC, shared on one host).
    long spawned = Long.parseLong(System.getenv("PROBE_SPAWNED_NANOS"));
    WebhookHandler handler = new WebhookHandler();
    long built = System.nanoTime();
    APIGatewayV2HTTPEvent event = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .readValue(new File(System.getenv("PROBE_SAMPLE")), APIGatewayV2HTTPEvent.class);
    Map<String, String> h = new HashMap<>(event.getHeaders());
    h.put("x-github-delivery", UUID.randomUUID().toString());
    event.setHeaders(h);
    long parsed = System.nanoTime();
    APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
    long answered = System.nanoTime();
    if (r.getStatusCode() != 202) throw new IllegalStateException("answered " + r.getStatusCode() + " " + r.getBody());
    System.out.printf("cold: process spawn to first answer %d ms (JVM start to main %d ms, constructor %d ms, "
        + "first request %d ms); answer %s%n", (answered - spawned) / 1_000_000, (t0 - spawned) / 1_000_000,
        (built - t0) / 1_000_000, (answered - parsed) / 1_000_000, r.getBody());
  }

  private ColdStartProbe() {}
}
