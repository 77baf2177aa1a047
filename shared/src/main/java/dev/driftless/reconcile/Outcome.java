package dev.driftless.reconcile;

import dev.driftless.apply.ChangeSet;
import dev.driftless.health.HealthStatus;
import dev.driftless.model.Application;
import dev.driftless.source.Revision;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.ScanBasis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one operation ended, the one value the recorder writes: what kind of end, for which Application, request
 * and operation; the operation saved for later (its continuation or its retry; null when none); the commit
 * fetched (null when none was, or when the operation could not go on); the changes (planned or applied); the
 * health assessed (null when none was); a message; when to continue or try again (null: never); when it started;
 * what its plan was computed from, when the plan can vouch for the inventory (null otherwise).
 */
record Outcome(Kind kind, Application app, ReconcileRequest request, Operation operation, Operation next,
    Revision revision, ChangeSet changes, HealthStatus health, String message, Duration after, Instant started,
    ScanBasis basis) {

  private static final ChangeSet NO_CHANGES = new ChangeSet(List.of());

  enum Kind {
    /** Nothing ran: no saved operation to continue, or another operation holds the lease. */
    SKIPPED(OperationResult.SKIPPED),
    /** A push that touched nothing the Application depends on. */
    NOT_AFFECTED(OperationResult.SKIPPED),
    /** A push of a commit other than the branch's head, which is already synced. */
    SUPERSEDED(OperationResult.SUPERSEDED),
    /** Planned and assessed; nothing applied. */
    PLANNED(OperationResult.SUCCEEDED),
    /** Stopped at its deadline and saved, to be continued. */
    RUNNING(OperationResult.RUNNING),
    /** Applied, and the sync failed. */
    FAILED(OperationResult.FAILED),
    /** Could not go on: an exception ended it. */
    ERROR(OperationResult.FAILED),
    /** Applied to the end. */
    SYNCED(OperationResult.SUCCEEDED),
    /** An automated sync held by its project's sync windows; nothing applied. */
    WAITING(OperationResult.WAITING),
    /** A manual sync or rollback its project's sync windows refuse; nothing applied. */
    REFUSED(OperationResult.FAILED);

    private final OperationResult result;

    Kind(OperationResult result) {
      this.result = result;
    }

    OperationResult result() {
      return result;
    }

    /** True for the ends of a sync (done, failed, or paused on health or a window), which commit statuses report. */
    boolean isSync() {
      return this == SYNCED || this == FAILED || this == ERROR || this == RUNNING || this == WAITING;
    }
  }

  Outcome {
    changes = changes == null ? NO_CHANGES : changes;
  }

  /** An end with nothing fetched, changed or assessed yet; the withers below add what is known. */
  static Outcome of(Kind kind, Application app, ReconcileRequest request, Operation operation, Instant started) {
    return new Outcome(kind, app, request, operation, null, null, null, null, null, null, started, null);
  }

  Outcome at(Revision fetched) {
    return new Outcome(kind, app, request, operation, next, fetched, changes, health, message, after, started, basis);
  }

  Outcome with(ChangeSet found, HealthStatus assessed, String text) {
    return new Outcome(kind, app, request, operation, next, revision, found, assessed, text, after, started, basis);
  }

  /** The operation to save and when it is due: its continuation, or its retry. */
  Outcome then(Operation saved, Duration due) {
    return new Outcome(kind, app, request, operation, saved, revision, changes, health, message, due, started,
        basis);
  }

  /** The basis its plan was computed from (null: none to record). */
  Outcome basedOn(ScanBasis planned) {
    return new Outcome(kind, app, request, operation, next, revision, changes, health, message, after, started,
        planned);
  }
}
