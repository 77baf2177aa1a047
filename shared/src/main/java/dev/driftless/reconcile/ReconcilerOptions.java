package dev.driftless.reconcile;

import dev.driftless.apply.ApplyOptions;
import dev.driftless.health.HealthAssessor;
import dev.driftless.render.RenderOptions;
import java.time.Duration;

/**
 * Knobs of the reconciler: how long before its deadline an operation stops and saves itself, how soon a
 * saved operation continues, the lease a pass takes and how often it renews it while it runs (a crashed pass's
 * lease runs out within one period), how often health is polled, how soon an operation that found its
 * Application busy tries again, the apply and render options, how health is assessed (the deployment's
 * custom health rules over the built-in ones), and how long after an attempt started its waits for health (between
 * waves, before PostSync hooks) give up and fail the sync: Argo CD's sync timeout, which Argo CD leaves unset by
 * default; here it is bounded so that an object that never becomes healthy cannot hold every later sync.
 */
public record ReconcilerOptions(
    Duration deadlineMargin,
    Duration continueAfter,
    Duration leasePeriod,
    Duration leaseRenewal,
    Duration healthPoll,
    Duration busyRetry,
    ApplyOptions apply,
    RenderOptions render,
    HealthAssessor health,
    Duration syncTimeout) {

  /** The default sync timeout. */
  public static final Duration SYNC_TIMEOUT = Duration.ofMinutes(10);

  public ReconcilerOptions {
    health = health == null ? new HealthAssessor() : health;
    syncTimeout = syncTimeout == null ? SYNC_TIMEOUT : syncTimeout;
    if (leaseRenewal.isNegative() || leaseRenewal.isZero() || leaseRenewal.compareTo(leasePeriod) >= 0) {
      throw new IllegalArgumentException("lease renewal every " + leaseRenewal + ": must be positive and shorter "
          + "than the lease period " + leasePeriod);
    }
  }

  public static ReconcilerOptions defaults() {
    return new ReconcilerOptions(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(60),
        Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(10), ApplyOptions.DEFAULTS,
        RenderOptions.defaults(), null, SYNC_TIMEOUT);
  }

  public ReconcilerOptions withRender(RenderOptions r) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leasePeriod, leaseRenewal, healthPoll, busyRetry,
        apply, r, health, syncTimeout);
  }

  public ReconcilerOptions withHealthPoll(Duration d) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leasePeriod, leaseRenewal, d, busyRetry, apply,
        render, health, syncTimeout);
  }

  public ReconcilerOptions withDeadlineMargin(Duration d) {
    return new ReconcilerOptions(d, continueAfter, leasePeriod, leaseRenewal, healthPoll, busyRetry, apply,
        render, health, syncTimeout);
  }

  /** Health assessed by {@code assessor}: the deployment's custom health rules over the built-in ones. */
  public ReconcilerOptions withHealth(HealthAssessor assessor) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leasePeriod, leaseRenewal, healthPoll, busyRetry,
        apply, render, assessor, syncTimeout);
  }

  /** Waits for health that give up {@code timeout} after the attempt started. */
  public ReconcilerOptions withSyncTimeout(Duration timeout) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leasePeriod, leaseRenewal, healthPoll, busyRetry,
        apply, render, health, timeout);
  }

  /** A pass's lease taken for {@code period} and renewed every {@code renewal} while it runs. */
  public ReconcilerOptions withLease(Duration period, Duration renewal) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, period, renewal, healthPoll, busyRetry, apply,
        render, health, syncTimeout);
  }
}
