package dev.driftless.apply;

import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Waits, between sync waves, for the objects of the wave just done to stop progressing, as Argo CD does before
 * it starts the next wave: those applied now and those already as desired (an earlier operation applied them;
 * they may still be rolling out). The wait ends at the deadline; then the gate holds and the sync stops there,
 * to be continued by a later invocation. An object that cannot be read because the API server is unreachable
 * is still progressing as far as the gate knows: an outage holds the gate, with the cause as the reason.
 */
public final class HealthGate implements Applier.StageGate {

  private static final Set<Outcome> IN_CLUSTER = EnumSet.of(Outcome.APPLIED, Outcome.UNCHANGED);

  private final HealthWaiter waiter;
  private final Instant deadline;

  public HealthGate(HealthWaiter waiter, Instant deadline) {
    this.waiter = waiter;
    this.deadline = deadline;
  }

  @Override
  public Applier.Verdict afterStage(List<Change> stage) {
    List<ObjectRef> refs = stage.stream().filter(c -> IN_CLUSTER.contains(c.outcome()))
        .map(c -> new ObjectRef(c.apiVersion(), c.key())).toList();
    if (refs.isEmpty()) {
      return Applier.Verdict.OPEN;
    }
    HealthReport report = waiter.await(refs, deadline);
    if (report.progressing().isEmpty()) {
      return Applier.Verdict.OPEN;
    }
    if (report.unreachable() != null) {
      return Applier.Verdict.hold(report.unreachable());
    }
    return Applier.Verdict.hold("waiting for a sync wave to become healthy (" + report.progressing().size()
        + " object(s) still progressing)");
  }
}
