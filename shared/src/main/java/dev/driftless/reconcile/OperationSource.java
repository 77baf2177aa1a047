package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.source.Checkout;
import dev.driftless.source.Source;
import dev.driftless.state.Operation;
import dev.driftless.state.Trigger;

/**
 * The commit an operation deploys: the one it is pinned to (rollback, continuation, retry, a manual sync that
 * names a revision), else the tracked ref's head. A push, a scan, or their retry or continuation, deploys only a
 * commit the tracked ref reaches; a manual sync or a rollback may name any commit.
 */
final class OperationSource {

  private final Source source;

  OperationSource(Source source) {
    this.source = source;
  }

  Checkout fetch(Application app, ReconcileRequest req, Operation op) {
    Application.Source wanted = sourceAt(app, req, op);
    if (wanted != app.source() && isAutomated(op.trigger()) && !source.reachable(app.source(), op.revision())) {
      throw new RevisionNotTrackedException(app, op.revision());
    }
    return source.fetch(wanted);
  }

  /** The Application's source at {@code revision}. */
  static Application.Source at(Application.Source s, String revision) {
    return s.at(revision);
  }

  private static boolean isAutomated(Trigger trigger) {
    return trigger == Trigger.PUSH || trigger.detectsDrift();
  }

  private static Application.Source sourceAt(Application app, ReconcileRequest req, Operation op) {
    boolean pinned = req.trigger() == Trigger.ROLLBACK || req.trigger() == Trigger.CONTINUE || op.attempt() > 1
        || (req.trigger() == Trigger.MANUAL && req.revision() != null);
    return !pinned || op.revision() == null ? app.source() : at(app.source(), op.revision());
  }
}
