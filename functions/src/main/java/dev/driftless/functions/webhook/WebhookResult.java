package dev.driftless.functions.webhook;

/**
 * What the webhook answers: an HTTP status and a small JSON body made only of fixed words and counts (never
 * an exception's text, a secret or any part of the request), and, for the log, a short reason.
 *
 * <p>An unknown repository, a repository without a webhook secret and a verified push that matched nothing
 * all answer {@code 202 {"queued":0}}, so the answer does not tell which it was.
 */
public record WebhookResult(int status, String body, String reason) {

  public static WebhookResult queued(int n, String reason) {
    return new WebhookResult(202, "{\"queued\":" + n + "}", reason);
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

  public static WebhookResult internalError(String reason) {
    return refused(500, "internal error", reason);
  }
}
