package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.state.Trigger;
import java.time.Duration;

/** Whether a failed attempt is tried again, and after how long: null when it is not. */
final class RetryPolicy {

  private RetryPolicy() {}

  /** A sync that ran and failed: per the Application's retry policy. */
  static Duration afterFailedSync(Application.Retry retry, int attempt) {
    if (retry == null || attempt > retry.limit()) return null;
    double factor = Math.pow(Math.max(1, retry.factor()), Math.max(0, attempt - 1));
    long millis = (long) Math.min(retry.duration().toMillis() * factor, retry.maxDuration().toMillis());
    return Duration.ofMillis(millis);
  }

  /**
   * An attempt that could not go on: per the policy, except a scan (the next scan is its retry) and a commit the
   * tracked ref does not reach (trying again would not make it reachable).
   */
  static Duration afterError(Trigger trigger, RuntimeException e, Application.Retry retry, int attempt) {
    if (trigger == Trigger.SCHEDULE || e instanceof RevisionNotTrackedException) return null;
    return afterFailedSync(retry, attempt);
  }
}
