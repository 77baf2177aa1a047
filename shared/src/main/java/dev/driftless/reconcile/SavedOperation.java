package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.state.AppStatus;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.Operation;
import dev.driftless.state.Trigger;
import java.time.Instant;

/**
 * What a new pass makes of the operation the status saved: whether its pass still runs, whether this pass may run
 * beside it at all, and, when this pass replaces it, the history entry that ends it. So that every operation ends in
 * history: crashed ones as abandoned, replaced ones as superseded.
 */
final class SavedOperation {

  private final LeaseStore leases;
  private final Recorder recorder;

  SavedOperation(LeaseStore leases, Recorder recorder) {
    this.leases = leases;
    this.recorder = recorder;
  }

  /**
   * When the saved operation's pass still runs, until when its lease holds; null when none runs. The status
   * records the lease's first term only (renewals do not rewrite it): past that, the lease item decides.
   */
  Instant running(String app, Operation op, Instant now) {
    if (op.leaseUntil() == null) return null;
    if (!op.abandonedAt(now)) return op.leaseUntil();
    return leases.current(app).filter(l -> l.heldAt(now)).map(LeaseStore.Lease::expiresAt).orElse(null);
  }

  /**
   * Why this pass does not run, read under the lease; null when it runs. A continuation whose operation is no longer
   * the saved one has nothing to continue. A scan or an audit event does not replace an operation waiting for its
   * continuation or retry: that operation records its own end (as the cluster scan leaves it alone), and its apply
   * already answers the drift. A crashed one (its lease expired) is replaced, after its abandoned entry.
   */
  static String notNow(ReconcileRequest req, Operation op, AppStatus status, Instant now) {
    Operation saved = status.operation();
    if (req.trigger() == Trigger.CONTINUE) {
      return saved != null && saved.id().equals(op.id()) ? null
          : "no operation " + req.operationId() + " in flight to continue";
    }
    if (req.trigger().detectsDrift() && saved != null && !saved.abandonedAt(now)) {
      return "operation " + saved.id() + " (" + saved.trigger().word() + ") is in flight, at step " + step(saved)
          + ": it records its own end";
    }
    return null;
  }

  /**
   * Ends the saved operation in history as this pass continues or replaces it: a pass that stopped without recording
   * its end (a crash: its lease expired while the status still says it runs) as abandoned; one waiting for its
   * continuation or retry, which a push, manual sync or rollback replaces, as superseded.
   */
  void replaced(Application app, ReconcileRequest req, AppStatus status, Instant now) {
    Operation saved = status.operation();
    if (saved == null) return;
    boolean continued = req.trigger() == Trigger.CONTINUE && saved.id().equals(req.operationId());
    if (saved.abandonedAt(now)) {
      recorder.abandoned(app, saved, status.updatedAt(),
          continued ? "continued" : "replaced by a " + req.trigger().word() + " operation");
    } else if (!continued) {
      recorder.superseded(app, saved, status.updatedAt(), "superseded by a " + req.trigger().word()
          + " operation while it waited at step " + step(saved));
    }
  }

  private static String step(Operation op) {
    return op.step() == null ? "start" : op.step().name();
  }
}
