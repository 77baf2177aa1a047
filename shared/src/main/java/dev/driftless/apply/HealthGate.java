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
 * they may still be rolling out). The wait ends at the invocation's deadline; then the gate holds and the sync
 * stops there, to be continued by a later invocation. It ends for good at the operation's timeout (Argo CD's sync
 * timeout): then the gate answers that the sync timed out, naming the objects still progressing. An object that
 * cannot be read because the API server is unreachable is still progressing as far as the gate knows: an outage
 * holds the gate, with the cause as the reason.
 */
public final class HealthGate implements Applier.StageGate {

  private static final Set<Outcome> IN_CLUSTER = EnumSet.of(Outcome.APPLIED, Outcome.UNCHANGED);

  /** How many of the objects still progressing a message names. */
  static final int NAMED = 5;

  private final HealthWaiter waiter;
  private final Instant deadline;
  private final Instant timeoutAt;

  /** A gate that waits until {@code deadline} and then holds, however long the operation has run. */
  public HealthGate(HealthWaiter waiter, Instant deadline) {
    this(waiter, deadline, null);
  }

  /** A gate whose waits end for good at {@code timeoutAt} (null: never). */
  public HealthGate(HealthWaiter waiter, Instant deadline, Instant timeoutAt) {
    this.waiter = waiter;
    this.deadline = deadline;
    this.timeoutAt = timeoutAt;
  }

  @Override
  public Applier.Verdict afterStage(List<Change> stage) {
    List<ObjectRef> refs = stage.stream().filter(c -> IN_CLUSTER.contains(c.outcome()))
        .map(c -> new ObjectRef(c.apiVersion(), c.key())).toList();
    if (refs.isEmpty()) {
      return Applier.Verdict.OPEN;
    }
    boolean bounded = timeoutAt != null && !timeoutAt.isAfter(deadline);
    HealthReport report = waiter.await(refs, bounded ? timeoutAt : deadline);
    if (report.progressing().isEmpty()) {
      return Applier.Verdict.OPEN;
    }
    String waiting = report.unreachable() != null ? report.unreachable()
        : "waiting for healthy state of " + report.describeProgressing(NAMED);
    return bounded ? Applier.Verdict.timedOut(waiting) : Applier.Verdict.hold(waiting);
  }
}
