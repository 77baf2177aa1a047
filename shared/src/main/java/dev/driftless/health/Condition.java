package dev.driftless.health;

import java.util.Map;

/** One entry of an object's {@code status.conditions}: type, status (True, False, Unknown), reason, message. */
record Condition(String type, String status, String reason, String message) {

  Condition {
    type = type == null ? "" : type;
    status = status == null ? "" : status;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }

  static Condition of(Map<?, ?> entry) {
    return new Condition(text(entry.get("type")), text(entry.get("status")), text(entry.get("reason")),
        text(entry.get("message")));
  }

  boolean isTrue() {
    return "True".equalsIgnoreCase(status);
  }

  boolean isFalse() {
    return "False".equalsIgnoreCase(status);
  }

  /** The reason and message as one readable phrase, whichever of them is present. */
  String explanation() {
    if (reason.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? reason : reason + ": " + message;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
