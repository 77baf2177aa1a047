package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Selection;
import dev.driftless.health.HealthStatus;
import dev.driftless.model.Application;
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
import java.util.Locale;
import java.util.Map;

/**
 * The last stage of an operation: writes the Application's status, one history entry, and the events
 * ({@link DetailType}: sync started, succeeded, failed or waiting for a sync window, drift detected, health degraded)
 * for its {@link Outcome}. Digests, counts and messages only: never a manifest or a secret value.
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

  /**
   * Records a pass running, before its first step and again as it enters each step: the operation with its step
   * and its lease's expiry, so that the status shows it running and where, and a scan can tell a crashed pass
   * (expired lease, no end) apart.
   */
  void started(Application app, AppStatus before, Operation running) {
    status.put(app.destination().cluster(), before.ended(before.sync(), before.health(), running,
        OperationResult.RUNNING, runningText(running), clock.instant()));
  }

  /** "running since ..., step ..." for an operation whose pass is running. */
  static String runningText(Operation op) {
    return "running since " + op.startedAt() + ", step " + (op.step() == null ? "start" : op.step().name())
        + " (lease until " + op.leaseUntil() + ")";
  }

  /**
   * Records the pass of {@code op} that stopped without an end: one history entry from when that pass started
   * ({@code passStarted}) to its lease's expiry, saying where it stopped. Its counts are not known.
   */
  void abandoned(Application app, Operation op, Instant passStarted, String then) {
    Instant from = passStarted == null ? op.startedAt() : passStarted;
    String msg = "abandoned: the function stopped at step " + (op.step() == null ? "start" : op.step().name())
        + " (lease expired at " + op.leaseUntil() + "); " + then;
    status.record(new HistoryEntry(app.name(), historyId(op) + "-abandoned", from,
        from == null ? Duration.ZERO : Duration.between(from, op.leaseUntil()), op.trigger(), op.revision(), null,
        null, OperationResult.ABANDONED, Map.of(), msg, null));
  }

  /**
   * Records the end of {@code op}, which waited for its continuation or retry when a newer operation replaced it: one
   * history entry from its start to now, with the counts of its passes.
   */
  void superseded(Application app, Operation op, Instant lastWritten, String msg) {
    Instant from = op.startedAt() != null ? op.startedAt() : lastWritten != null ? lastWritten : clock.instant();
    status.record(new HistoryEntry(app.name(), historyId(op), from, Duration.between(from, clock.instant()),
        op.trigger(), op.revision(), null, null, OperationResult.SUPERSEDED, op.counts(), msg, null, op.options()));
  }

  /**
   * Announces that an operation's first pass is about to apply {@code changes} (once per operation: its
   * continuations and retries do not announce it again).
   */
  void syncStarted(Application app, Operation op, Revision revision, ChangeSet changes) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("application", app.name());
    d.put("operation", op.id());
    d.put("trigger", op.trigger().word());
    d.put("cluster", app.destination().cluster());
    d.put("revision", revision.sha());
    d.put("counts", counts(changes));
    events.emit(DetailType.SYNC_STARTED.word(), d);
  }

  /** Records the outcome over {@code before}, the status the operation started from. */
  ReconcileResult record(AppStatus before, Outcome o) {
    HealthStatus health = o.health() != null ? o.health() : switch (o.kind()) {
      case RUNNING -> HealthStatus.PROGRESSING;
      case SYNCED -> HealthStatus.UNKNOWN;
      default -> before.health();
    };
    if (health == HealthStatus.DEGRADED && before.health() != HealthStatus.DEGRADED && o.operation() != null) {
      Map<String, Object> detail = detail(o);
      detail.put("message", o.message() == null ? "health degraded" : o.message());
      events.emit(DetailType.HEALTH_DEGRADED.word(), detail);
    }
    return switch (o.kind()) {
      case SKIPPED -> result(o, before.sync(), health, before.revision(), o.message());
      case NOT_AFFECTED -> notAffected(before, o, health);
      case SUPERSEDED -> superseded(before, o, health);
      case PLANNED -> planned(before, o, health);
      case RUNNING -> running(before, o, health);
      case FAILED, ERROR -> failed(before, o, health);
      case SYNCED -> synced(before, o, health);
      case WAITING -> waiting(before, o, health);
      case REFUSED -> refused(before, o, health);
    };
  }

  /** The new commit is recorded as the Application's revision. */
  private ReconcileResult notAffected(AppStatus before, Outcome o, HealthStatus health) {
    Revision head = o.revision();
    put(o, before.at(head.sha(), head.commitTime(), before.sync(), health, before.lastResult(),
        "not affected by " + head.shortSha(), clock.instant()));
    return result(o, before.sync(), health, head.sha(),
        "push of " + head.shortSha() + " does not touch " + o.app().source().path());
  }

  private ReconcileResult superseded(AppStatus before, Outcome o, HealthStatus health) {
    String msg = "push of " + o.request().revision() + " superseded: " + o.revision().shortSha() + " is already synced";
    history(o, msg);
    return result(o, before.sync(), health, before.revision(), msg);
  }

  private ReconcileResult planned(AppStatus before, Outcome o, HealthStatus health) {
    ChangeSet changes = o.changes();
    SyncStatus sync = changes.inSync() ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
    String msg = changes.inSync() ? "in sync" : "out of sync: " + counts(changes);
    AppStatus after = before.assessed(sync, health, clock.instant()).basedOn(o.basis());
    if (!after.sameAs(before)) {
      // A plan that finds what the status already says writes nothing: a scan of a quiet fleet costs no writes.
      put(o, after);
    }
    if (!changes.inSync()) {
      history(o, "planned only (" + o.operation().trigger().word() + "): " + msg);
      Map<String, Object> detail = detail(o);
      detail.put("counts", counts(changes));
      detail.put("objects", changes.changes().stream().filter(c -> c.action().isDrift())
          .limit(50).map(c -> c.action().name().toLowerCase(Locale.ROOT) + " " + c.key()).toList());
      events.emit(DetailType.DRIFT_DETECTED.word(), detail);
    }
    return result(o, sync, health, before.revision(), msg);
  }

  private ReconcileResult running(AppStatus before, Outcome o, HealthStatus health) {
    put(o, before.ended(SyncStatus.OUT_OF_SYNC, health, o.next().counted(counts(o.changes())),
        OperationResult.RUNNING, o.message(),
        clock.instant()));
    return result(o, SyncStatus.OUT_OF_SYNC, health, o.revision().sha(), o.message());
  }

  /** A sync that failed leaves the Application out of sync; an error says nothing of it (Synced no longer holds). */
  private ReconcileResult failed(AppStatus before, Outcome o, HealthStatus health) {
    String msg = o.message() + failures(o.changes());
    boolean applied = o.kind() == Outcome.Kind.FAILED;
    SyncStatus left = applied ? SyncStatus.OUT_OF_SYNC
        : before.sync() == SyncStatus.SYNCED ? SyncStatus.UNKNOWN : before.sync();
    AppStatus after = before.ended(left, health, o.next(), OperationResult.FAILED, msg, clock.instant());
    // An error marks only a commit the operation named as failed, not one it fetched: a transient error (the cluster
    // unreachable) must not stop the next scan from syncing the tracked head.
    String failedAt = applied ? revision(o) : o.operation().revision();
    put(o, failedAt == null ? after : after.failedAt(failedAt));
    history(o, msg);
    Map<String, Object> detail = detail(o);
    detail.put("message", msg);
    events.emit(DetailType.SYNC_FAILED.word(), detail);
    return result(o, applied ? SyncStatus.OUT_OF_SYNC : SyncStatus.UNKNOWN, health, revision(o), msg);
  }

  /**
   * An automated sync held by a sync window: the status says so, and nothing else changes (the commit is not
   * recorded as attempted, so the first scan after the window syncs it). One history entry and one "Sync
   * Waiting" event per hold: a scan that finds the same hold again only refreshes the status.
   */
  private ReconcileResult waiting(AppStatus before, Outcome o, HealthStatus health) {
    SyncStatus sync = o.changes().inSync() ? before.sync() : SyncStatus.OUT_OF_SYNC;
    put(o, before.ended(sync, health, null, OperationResult.WAITING, o.message(), clock.instant()));
    if (before.lastResult() != OperationResult.WAITING || !o.message().equals(before.lastMessage())) {
      history(o, o.message());
      Map<String, Object> detail = detail(o);
      detail.put("message", o.message());
      events.emit(DetailType.SYNC_WAITING.word(), detail);
    }
    return result(o, sync, health, before.revision(), o.message());
  }

  /** A manual sync or rollback a sync window refuses: nothing was applied, so the sync status stays as found. */
  private ReconcileResult refused(AppStatus before, Outcome o, HealthStatus health) {
    SyncStatus sync = o.changes().inSync() ? before.sync() : SyncStatus.OUT_OF_SYNC;
    put(o, before.ended(sync, health, null, OperationResult.FAILED, o.message(), clock.instant()));
    history(o, o.message());
    Map<String, Object> detail = detail(o);
    detail.put("message", o.message());
    events.emit(DetailType.SYNC_FAILED.word(), detail);
    return result(o, sync, health, before.revision(), o.message());
  }

  private ReconcileResult synced(AppStatus before, Outcome o, HealthStatus health) {
    Revision rev = o.revision();
    String msg = "synced to " + rev.shortSha() + ": " + counts(o.changes());
    // A selective sync that left differing objects out leaves the Application out of sync, as in Argo CD.
    SyncStatus sync = Selection.leftOutDrift(o.changes()) ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED;
    put(o, before.at(rev.sha(), rev.commitTime(), sync, health, OperationResult.SUCCEEDED, msg,
        clock.instant()).basedOn(o.basis()));
    history(o, msg);
    if (!o.changes().inSync()) {
      Map<String, Object> detail = detail(o);
      detail.put("counts", counts(o.changes()));
      events.emit(DetailType.SYNC_SUCCEEDED.word(), detail);
    }
    return result(o, sync, health, rev.sha(), msg);
  }

  /** Writes the status on the Application's cluster (where its scan projection is). */
  private void put(Outcome o, AppStatus st) {
    status.put(o.app().destination().cluster(), st);
  }

  /** A skipped operation answers with the id it was asked for (none for a new one); others with their own. */
  private static ReconcileResult result(Outcome o, SyncStatus sync, HealthStatus health, String revision,
      String msg) {
    boolean skipped = o.kind().result() == OperationResult.SKIPPED;
    return new ReconcileResult(o.app().name(), skipped ? o.request().operationId() : o.operation().id(),
        o.kind().result(), sync, health, revision, o.changes(), msg, o.after());
  }

  /**
   * One entry per attempt of an operation, however many passes it took: from its first pass's start, with the
   * counts of all its passes.
   */
  private void history(Outcome o, String msg) {
    Operation op = o.operation();
    Revision rev = o.revision();
    Instant from = op.startedAt() == null ? o.started() : op.startedAt();
    status.record(new HistoryEntry(o.app().name(), historyId(op), from, Duration.between(from, clock.instant()),
        op.trigger(), revision(o),
        rev == null ? null : rev.authorName() + " <" + rev.authorEmail() + ">", rev == null ? null : rev.message(),
        o.kind().result(), op.counted(counts(o.changes())).counts(), msg, o.request().deliveryId(), op.options()));
  }

  private static String historyId(Operation op) {
    return op.id() + (op.attempt() > 1 ? "-" + op.attempt() : "");
  }

  /** The commit fetched; when none was, the one the operation named. */
  private static String revision(Outcome o) {
    return o.revision() == null ? o.operation().revision() : o.revision().sha();
  }

  private static Map<String, Integer> counts(ChangeSet changes) {
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

  private static Map<String, Object> detail(Outcome o) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("application", o.app().name());
    d.put("operation", o.operation().id());
    d.put("trigger", o.operation().trigger().word());
    d.put("cluster", o.app().destination().cluster());
    if (o.revision() != null) d.put("revision", o.revision().sha());
    return d;
  }
}
