package dev.driftless.reconcile;

import dev.driftless.model.DriftlessException;
import dev.driftless.model.Redaction;

/** What an operation that could not go on records of its exception: never a secret value. */
final class ErrorText {

  private ErrorText() {}

  /** Our own exceptions carry safe messages; anything else is named by type and cut short. */
  static String of(RuntimeException e) {
    if (e instanceof DriftlessException) return e.getMessage();
    String m = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
  }

  /**
   * The exception with resolved secret values masked in its message (the API server may echo a rejected value),
   * and without its cause, whose message would still hold them.
   */
  static RuntimeException redacted(RuntimeException e, Redaction redaction) {
    String message = of(e);
    if (redaction == Redaction.NONE || !redaction.reveals(message)) {
      return e;
    }
    DriftlessException masked = new DriftlessException(redaction.redact(message));
    masked.setStackTrace(e.getStackTrace());
    return masked;
  }
}
