package dev.driftless.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.InvalidOperationOptionsException;
import dev.driftless.model.OperationOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import dev.driftless.state.Trigger;

/**
 * One unit of sync work on the queue: which Application, why, (for a push) which commit, and (for a manual sync) the
 * options asked. The message group is the Application, so work on one Application is serial and work across
 * Applications parallel.
 */
public record SyncMessage(String application, Trigger trigger, String revision, Instant requestedAt,
    String operationId, String deliveryId, OperationOptions options) {

  public SyncMessage(String application, Trigger trigger, String revision, Instant requestedAt) {
    this(application, trigger, revision, requestedAt, null, null);
  }

  public SyncMessage(String application, Trigger trigger, String revision, Instant requestedAt, String operationId,
      String deliveryId) {
    this(application, trigger, revision, requestedAt, operationId, deliveryId, OperationOptions.NONE);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An ApplicationSet's evaluation travels as a sync message for {@code applicationset/<name>}: no Application name
   * holds a '/', and the FIFO group keeps one set's evaluations in order.
   */
  public static final String SET_PREFIX = "applicationset/";

  /** The ApplicationSet this message evaluates; null for an Application's operation. */
  public String applicationSet() {
    return application.startsWith(SET_PREFIX) ? application.substring(SET_PREFIX.length()) : null;
  }

  public SyncMessage {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(trigger, "trigger");
    options = options == null ? OperationOptions.NONE : options;
  }

  /** Parses a message body; the error names the message and the field, never echoing the body. */
  public static SyncMessage parse(String body, String messageId) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message " + messageId + ": body is not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("message " + messageId + ": body is not a JSON object");
    }
    String app = n.path("application").asText("");
    if (app.isBlank()) {
      throw new IllegalArgumentException("message " + messageId + ": application is required");
    }
    Trigger trigger;
    try {
      trigger = Trigger.valueOf(n.path("trigger").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("message " + messageId + ": trigger must be one of push, schedule, audit, "
          + "manual, rollback, continue");
    }
    Instant at = null;
    if (n.hasNonNull("requestedAt")) {
      try {
        at = Instant.parse(n.get("requestedAt").asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("message " + messageId + ": requestedAt is not an ISO-8601 instant");
      }
    }
    String revision = n.hasNonNull("revision") ? n.get("revision").asText() : null;
    String op = n.hasNonNull("operationId") ? n.get("operationId").asText() : null;
    String delivery = n.hasNonNull("deliveryId") ? n.get("deliveryId").asText() : null;
    OperationOptions options;
    try {
      options = OperationOptions.parse(n.path("options"), "message " + messageId);
    } catch (InvalidOperationOptionsException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new SyncMessage(app, trigger, revision, at, op, delivery, options);
  }

  public String toJson() {
    var o = JSON.createObjectNode().put("application", application)
        .put("trigger", trigger.name().toLowerCase(Locale.ROOT));
    if (revision != null) o.put("revision", revision);
    if (requestedAt != null) o.put("requestedAt", requestedAt.toString());
    if (operationId != null) o.put("operationId", operationId);
    if (deliveryId != null) o.put("deliveryId", deliveryId);
    if (!options.isNone()) o.set("options", options.toJson());
    return o.toString();
  }
}
