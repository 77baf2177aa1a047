package dev.driftless.functions.webhook;

import dev.driftless.model.DriftlessException;

/**
 * A request refused before anything happened. {@link #answer()} is the fixed phrase the caller sees; the
 * message, for the log only, says what failed and names the header or field (never a value from the body
 * or a secret).
 */
public final class RefusedException extends DriftlessException {

  private final int status;
  private final String answer;

  public RefusedException(int status, String answer, String message) {
    super(message);
    this.status = status;
    this.answer = answer;
  }

  public static RefusedException badRequest(String answer, String message) {
    return new RefusedException(400, answer, message);
  }

  /** The sender could not be verified: the same answer whatever the reason, see {@link WebhookResult#unverified}. */
  public static RefusedException unverified(String message) {
    return new RefusedException(WebhookResult.UNVERIFIED_STATUS, WebhookResult.UNVERIFIED_ANSWER, message);
  }

  public int status() {
    return status;
  }

  public String answer() {
    return answer;
  }

  public WebhookResult result() {
    return WebhookResult.refused(status, answer, getMessage());
  }
}
