package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.SyncRun;
import dev.driftless.health.HealthReport;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.source.Revision;
import dev.driftless.state.AppStatus;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.StatusStore;
import dev.driftless.state.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last stage of an operation: writes the Application's status, one history entry, and the events
 * (drift detected, sync succeeded or failed). Digests, counts and messages only: never a manifest or a
 * secret value.
 */
final class Recorder {

  private final StatusStore status;
  private final EventSink events;
  private final Clock clock;

  Recorder(StatusStore status, EventSink events, Clock clock) {
    this.status = status;
    this.events = events;
    this.clock = clock;
  }

  ReconcileResult skipped(Application app, ReconcileRequest req, AppStatus st, String why) {
    return new ReconcileResult(app.name(), req.operationId(), OperationResult.SKIPPED, st.sync(), st.health(),
        st.revision(), new ChangeSet(List.of()), why, null);
  }

  /** Another operation holds the lease: this one is to be tried again, unchanged, a little later. */
  ReconcileResult busy(Application app, ReconcileRequest req, AppStatus st, String why, Duration retryIn) {
    return new ReconcileResult(app.name(), req.operationId(), OperationResult.SKIPPED, st.sync(), st.health(),
        st.revision(), new ChangeSet(List.of()), why, retryIn);
  }

  /** A push that changed nothing the Application depends on: the new commit is recorded as its revision. */
  ReconcileResult notAffected(Application app, ReconcileRequest req, AppStatus st, Revision head) {
    status.put(new AppStatus(app.name(), st.sync(), st.health(), head.sha(), head.commitTime(), st.inventory(),
        null, st.lastResult(), "not affected by " + head.shortSha(), clock.instant()));
    return new ReconcileResult(app.name(), req.operationId(), OperationResult.SKIPPED, st.sync(), st.health(),
        head.sha(), new ChangeSet(List.of()), "push of " + head.shortSha() + " does not touch "
            + app.source().path(), null);
  }

  ReconcileResult superseded(Application app, ReconcileRequest req, Operation op, AppStatus st, Revision head,
      Instant started) {
    String msg = "push of " + req.revision() + " superseded: " + head.shortSha() + " is already synced";
    history(app, req, op, head, OperationResult.SUPERSEDED, new ChangeSet(List.of()), msg, started);
    return new ReconcileResult(app.name(), op.id(), OperationResult.SUPERSEDED, st.sync(), st.health(),
        st.revision(), new ChangeSet(List.of()), msg, null);
  }

  ReconcileResult planned(Application app, ReconcileRequest req, Operation op, AppStatus st, Revision rev,
      ChangeSet changes, HealthReport health, Instant started) {
    SyncStatus sync = changes.inSync() ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
    String healthWord = health.aggregate().displayName();
    String msg = changes.inSync() ? "in sync" : "out of sync: " + counts(changes);
    status.put(new AppStatus(app.name(), sync, healthWord, st.revision(), st.revisionTime(), st.inventory(),
        st.operation(), st.lastResult(), st.lastMessage(), clock.instant()));
    if (!changes.inSync()) {
      history(app, req, op, rev, OperationResult.SUCCEEDED, changes, "planned only (" + op.trigger().word() + "): " + msg,
          started);
      Map<String, Object> detail = detail(app, op, rev);
      detail.put("counts", counts(changes));
      detail.put("objects", changes.changes().stream().filter(c -> c.action().isDrift())
          .limit(50).map(c -> c.action().name().toLowerCase(Locale.ROOT) + " " + c.key()).toList());
      events.emit("Drift Detected", detail);
    }
    return new ReconcileResult(app.name(), op.id(), OperationResult.SUCCEEDED, sync, healthWord, st.revision(),
        changes, msg, null);
  }

  ReconcileResult running(Application app, ReconcileRequest req, Operation saved, AppStatus st, Revision rev,
      SyncRun.Result r, Duration continueAfter) {
    String healthWord = r.health() == null ? "Progressing" : r.health().aggregate().displayName();
    status.put(new AppStatus(app.name(), SyncStatus.OUT_OF_SYNC, healthWord, st.revision(), st.revisionTime(),
        r.inventory(), saved, OperationResult.RUNNING, r.message(), clock.instant()));
    return new ReconcileResult(app.name(), saved.id(), OperationResult.RUNNING, SyncStatus.OUT_OF_SYNC, healthWord,
        rev.sha(), r.changes(), r.message(), continueAfter);
  }

  ReconcileResult failedSync(Application app, ReconcileRequest req, Operation op, Operation retry, AppStatus st,
      Revision rev, SyncRun.Result r, Duration retryIn, Instant started) {
    String msg = r.message() + failures(r.changes());
    String healthWord = r.health() == null ? st.health() : r.health().aggregate().displayName();
    status.put(new AppStatus(app.name(), SyncStatus.OUT_OF_SYNC, healthWord, st.revision(), st.revisionTime(),
        r.inventory(), retry, OperationResult.FAILED, msg, clock.instant()));
    history(app, req, op, rev, OperationResult.FAILED, r.changes(), msg, started);
    Map<String, Object> detail = detail(app, op, rev);
    detail.put("message", msg);
    events.emit("Sync Failed", detail);
    return new ReconcileResult(app.name(), op.id(), OperationResult.FAILED, SyncStatus.OUT_OF_SYNC, healthWord,
        rev.sha(), r.changes(), msg, retryIn);
  }

  ReconcileResult error(Application app, ReconcileRequest req, Operation op, Operation retry, AppStatus st,
      RuntimeException e, Duration retryIn, Instant started) {
    String msg = safeMessage(e);
    status.put(new AppStatus(app.name(), st.sync() == SyncStatus.SYNCED ? SyncStatus.UNKNOWN : st.sync(), st.health(),
        st.revision(), st.revisionTime(), st.inventory(), retry, OperationResult.FAILED, msg, clock.instant()));
    history(app, req, op, null, OperationResult.FAILED, new ChangeSet(List.of()), msg, started);
    Map<String, Object> detail = detail(app, op, null);
    detail.put("message", msg);
    events.emit("Sync Failed", detail);
    return new ReconcileResult(app.name(), op.id(), OperationResult.FAILED, SyncStatus.UNKNOWN, st.health(),
        op.revision(), new ChangeSet(List.of()), msg, retryIn);
  }

  ReconcileResult synced(Application app, ReconcileRequest req, Operation op, AppStatus st, Revision rev,
      SyncRun.Result r, Instant started) {
    String healthWord = r.health() == null ? "Unknown" : r.health().aggregate().displayName();
    String msg = "synced to " + rev.shortSha() + ": " + counts(r.changes());
    status.put(new AppStatus(app.name(), SyncStatus.SYNCED, healthWord, rev.sha(), rev.commitTime(), r.inventory(),
        null, OperationResult.SUCCEEDED, msg, clock.instant()));
    history(app, req, op, rev, OperationResult.SUCCEEDED, r.changes(), msg, started);
    if (!r.changes().inSync()) {
      Map<String, Object> detail = detail(app, op, rev);
      detail.put("counts", counts(r.changes()));
      events.emit("Sync Succeeded", detail);
    }
    return new ReconcileResult(app.name(), op.id(), OperationResult.SUCCEEDED, SyncStatus.SYNCED, healthWord,
        rev.sha(), r.changes(), msg, null);
  }

  private void history(Application app, ReconcileRequest req, Operation op, Revision rev, OperationResult result,
      ChangeSet changes, String msg, Instant started) {
    Instant now = clock.instant();
    status.record(new HistoryEntry(app.name(), op.id() + (op.attempt() > 1 ? "-" + op.attempt() : ""), started,
        Duration.between(started, now), op.trigger(), rev == null ? op.revision() : rev.sha(),
        rev == null ? null : rev.authorName() + " <" + rev.authorEmail() + ">", rev == null ? null : rev.message(),
        result, counts(changes), msg, req.deliveryId()));
  }

  static Map<String, Integer> counts(ChangeSet changes) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<Action, Integer> e : changes.countsByAction().entrySet()) {
      out.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    int failed = changes.failures().size();
    if (failed > 0) out.put("failed", failed);
    return out;
  }

  private static String failures(ChangeSet changes) {
    StringBuilder sb = new StringBuilder();
    changes.failures().stream().limit(5).forEach(c -> sb.append("; ").append(c.key()).append(": ").append(c.message()));
    return sb.toString();
  }

  private static Map<String, Object> detail(Application app, Operation op, Revision rev) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("application", app.name());
    d.put("operation", op.id());
    d.put("trigger", op.trigger().word());
    d.put("cluster", app.destination().cluster());
    if (rev != null) d.put("revision", rev.sha());
    return d;
  }

  /** Our own exceptions carry safe messages; anything else is named by type and cut short. */
  static String safeMessage(RuntimeException e) {
    if (e instanceof DriftlessException) return e.getMessage();
    String m = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
  }
}
