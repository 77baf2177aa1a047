package dev.driftless.reconcile;

import dev.driftless.model.Application;
import java.time.Duration;

/** The Application's retry policy: how long to wait before attempt n+1, or null when no attempt is left. */
final class RetryPolicy {

  private RetryPolicy() {}

  static Duration delayAfter(Application.Retry retry, int attempt) {
    if (retry == null || attempt > retry.limit()) return null;
    double factor = Math.pow(Math.max(1, retry.factor()), Math.max(0, attempt - 1));
    long millis = (long) Math.min(retry.duration().toMillis() * factor, retry.maxDuration().toMillis());
    return Duration.ofMillis(millis);
  }
}
