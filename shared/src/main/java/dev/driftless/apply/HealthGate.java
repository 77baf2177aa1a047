package dev.driftless.apply;

import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import java.time.Instant;
import java.util.List;

/**
 * Waits, between sync waves, for the objects just applied to stop progressing, as Argo CD does before it
 * starts the next wave. The wait ends at the deadline; then the gate answers false and the sync stops
 * there, to be continued by a later invocation.
 */
public final class HealthGate implements Applier.StageGate {

  private final HealthWaiter waiter;
  private final Instant deadline;

  public HealthGate(HealthWaiter waiter, Instant deadline) {
    this.waiter = waiter;
    this.deadline = deadline;
  }

  @Override
  public boolean afterStage(List<Change> applied) {
    List<ObjectRef> refs = applied.stream().filter(c -> c.outcome() == Outcome.APPLIED)
        .map(c -> new ObjectRef(c.apiVersion(), c.key())).toList();
    if (refs.isEmpty()) return true;
    return waiter.await(refs, deadline).progressing().isEmpty();
  }
}
