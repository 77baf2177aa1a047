package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows an operation the API queued until it ends: polls the Application's status and history, prints
 * progress when it changes (step, attempt, health, objects, message), and reports how it ended. The
 * operation is the first one of the given trigger that started at or after the request (server time), and
 * it has ended when its history entry exists and no attempt of it is still in flight (a failed attempt
 * with retries left is followed to its last attempt).
 */
final class Waiter {

  enum End { SUCCEEDED, FAILED, TIMED_OUT }

  private final ApiClient client;
  private final PrintWriter out;
  private final Clock clock;
  private final Duration interval;

  Waiter(ApiClient client, PrintWriter out, Clock clock, Duration interval) {
    this.client = client;
    this.out = out;
    this.clock = clock;
    this.interval = interval;
  }

  End await(String appPath, String trigger, Instant requestedAt, Duration timeout) {
    Instant until = clock.instant().plus(timeout);
    String last = null;
    while (true) {
      JsonNode status = client.get(appPath).path("status");
      JsonNode entry = entry(client.get(appPath + "/history?limit=10"), trigger, requestedAt);
      JsonNode op = status.path("operation");
      boolean inFlight = op.isObject() && trigger.equals(Output.text(op, "trigger"))
          && !Instant.parse(op.path("startedAt").asText()).isBefore(requestedAt);
      String progress = progress(status, op, inFlight, entry);
      if (!progress.equals(last)) {
        out.println(progress);
        out.flush();
        last = progress;
      }
      if (entry != null && !inFlight) {
        boolean ok = "succeeded".equals(Output.text(entry, "result"));
        out.println((ok ? "Succeeded" : "Failed") + ": " + Output.text(entry, "message"));
        out.flush();
        return ok ? End.SUCCEEDED : End.FAILED;
      }
      if (!clock.instant().isBefore(until)) {
        out.println("Timed out after " + timeout.toSeconds() + "s; the operation may still be running (see: "
            + "driftless app get)");
        out.flush();
        return End.TIMED_OUT;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return End.TIMED_OUT;
      }
    }
  }

  private static JsonNode entry(JsonNode history, String trigger, Instant requestedAt) {
    for (JsonNode e : history.path("items")) {
      if (trigger.equals(Output.text(e, "trigger"))
          && !Instant.parse(e.path("startedAt").asText()).isBefore(requestedAt)) {
        return e;
      }
    }
    return null;
  }

  private static String progress(JsonNode status, JsonNode op, boolean inFlight, JsonNode entry) {
    StringBuilder sb = new StringBuilder();
    if (inFlight) {
      sb.append("running: step ").append(op.path("step").isNull() ? "starting" : op.path("step").asText())
          .append(", attempt ").append(op.path("attempt").asInt());
    } else if (entry == null) {
      sb.append("queued");
    } else {
      sb.append("done");
    }
    sb.append(" | health ").append(Output.text(status, "health")).append(", objects ")
        .append(status.path("objects").asInt());
    if (entry != null) {
      String counts = Output.counts(entry.path("counts"));
      if (counts != null) sb.append(", ").append(counts);
    }
    if (inFlight && Output.text(status, "lastMessage") != null) {
      sb.append(" | ").append(Output.text(status, "lastMessage"));
    }
    return sb.toString();
  }
}
