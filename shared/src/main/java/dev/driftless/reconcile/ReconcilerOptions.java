package dev.driftless.reconcile;

import dev.driftless.apply.ApplyOptions;
import dev.driftless.render.RenderOptions;
import java.time.Duration;

/**
 * Knobs of the reconciler: how long before its deadline an operation stops and saves itself, how soon a
 * saved operation continues, the lease length beyond the deadline, how often health is polled, how soon an
 * operation that found its Application busy tries again, and the apply and render options.
 */
public record ReconcilerOptions(
    Duration deadlineMargin,
    Duration continueAfter,
    Duration leaseSlack,
    Duration healthPoll,
    Duration busyRetry,
    ApplyOptions apply,
    RenderOptions render) {

  public static ReconcilerOptions defaults() {
    return new ReconcilerOptions(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(30),
        Duration.ofSeconds(1), Duration.ofSeconds(10), ApplyOptions.DEFAULTS, RenderOptions.defaults());
  }

  public ReconcilerOptions withRender(RenderOptions r) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leaseSlack, healthPoll, busyRetry, apply, r);
  }

  public ReconcilerOptions withHealthPoll(Duration d) {
    return new ReconcilerOptions(deadlineMargin, continueAfter, leaseSlack, d, busyRetry, apply, render);
  }

  public ReconcilerOptions withDeadlineMargin(Duration d) {
    return new ReconcilerOptions(d, continueAfter, leaseSlack, healthPoll, busyRetry, apply, render);
  }
}
