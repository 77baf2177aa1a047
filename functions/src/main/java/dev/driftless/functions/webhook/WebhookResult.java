package dev.driftless.functions.webhook;

/**
 * What the webhook answers: an HTTP status and a small JSON body made only of fixed words and counts (never
 * an exception's text, a secret or any part of the request), and, for the log, a short reason.
 *
 * <p>A delivery that cannot be verified answers {@code 401 {"error":"signature does not match"}} whatever the
 * reason: a missing or wrong signature, a repository without a webhook secret (unknown to this deployment),
 * URLs naming no repository or more than one, or a secret lookup over the container's budget. So the answer
 * does not tell which repositories have a secret.
 */
public record WebhookResult(int status, String body, String reason) {

  static final int UNVERIFIED_STATUS = 401;
  static final String UNVERIFIED_ANSWER = "signature does not match";

  /**
   * The delivery's outcome in one word, a metric dimension: queued, duplicate, ping, ignored, unverified,
   * refused or error.
   */
  public String outcome() {
    if (status >= 500) return "error";
    if (status == UNVERIFIED_STATUS) return "unverified";
    if (status >= 400) return "refused";
    if (body.contains("\"duplicate\"")) return "duplicate";
    if (body.contains("\"pong\"")) return "ping";
    if (body.contains("\"ignored\"")) return "ignored";
    return "queued";
  }

  public static WebhookResult queued(int n, String reason) {
    return new WebhookResult(202, "{\"queued\":" + n + "}", reason);
  }

  /** A verified event the webhook does not act on (a pull request closed, labelled, ...). */
  public static WebhookResult ignored(String reason) {
    return new WebhookResult(200, "{\"ignored\":true}", reason);
  }

  public static WebhookResult duplicate(String reason) {
    return new WebhookResult(202, "{\"queued\":0,\"duplicate\":true}", reason);
  }

  public static WebhookResult pong(String reason) {
    return new WebhookResult(200, "{\"pong\":true}", reason);
  }

  /** A refusal: {@code {"error":"<what>"}} where {@code what} is a fixed phrase the code chose. */
  public static WebhookResult refused(int status, String what, String reason) {
    return new WebhookResult(status, "{\"error\":\"" + what + "\"}", reason);
  }

  /** The sender could not be verified; the reason, for the log only, says why. */
  public static WebhookResult unverified(String reason) {
    return refused(UNVERIFIED_STATUS, UNVERIFIED_ANSWER, reason);
  }

  public static WebhookResult internalError(String reason) {
    return refused(500, "internal error", reason);
  }
}
