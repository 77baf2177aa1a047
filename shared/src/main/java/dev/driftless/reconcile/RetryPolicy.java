package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.project.ProjectViolationException;
import dev.driftless.state.Trigger;
import java.time.Duration;

/**
 * Whether a failed attempt is tried again, and after how long: null when it is not. The wait is Argo CD's: the
 * base duration times factor to the power of the retries already made, capped at the maximum duration when one
 * is set. A limit below zero never runs out; the queue then carries each retry as a delayed message.
 */
final class RetryPolicy {

  private RetryPolicy() {}

  /** A sync that ran and failed: per the Application's retry policy. */
  static Duration afterFailedSync(Application.Retry retry, int attempt) {
    if (retry == null || !retry.forever() && attempt > retry.limit()) return null;
    double millis = retry.duration().toMillis() * Math.pow(Math.max(1, retry.factor()), Math.max(0, attempt - 1));
    if (!retry.maxDuration().isZero() && !retry.maxDuration().isNegative()) {
      millis = Math.min(millis, retry.maxDuration().toMillis());
    }
    // An uncapped wait that outgrows a long stays at the longest one (the cast saturates).
    return Duration.ofMillis((long) millis);
  }

  /**
   * An attempt that could not go on: per the policy, except a scan (the next scan is its retry), a commit the
   * tracked ref does not reach (trying again would not make it reachable), an Application its project refuses and
   * an app of apps whose children are refused (only a change to the project or to Git can change that).
   */
  static Duration afterError(Trigger trigger, RuntimeException e, Application.Retry retry, int attempt) {
    if (trigger.detectsDrift() || e instanceof RevisionNotTrackedException
        || e instanceof ProjectViolationException || e instanceof ChildRefusedException) {
      return null;
    }
    return afterFailedSync(retry, attempt);
  }
}
