package dev.driftless.reconcile;

import dev.driftless.apply.Applier;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Cluster;
import dev.driftless.apply.HealthGate;
import dev.driftless.apply.HookRunner;
import dev.driftless.inventory.Inventory;
import dev.driftless.apply.InventoryJournal;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
import dev.driftless.apply.SyncRun;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.Redaction;
import dev.driftless.model.SyncStep;
import dev.driftless.render.Renderer;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.source.ChangedPaths;
import dev.driftless.source.Checkout;
import dev.driftless.source.DependencyDirectories;
import dev.driftless.source.Source;
import dev.driftless.state.AppStatus;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.StatusStore;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One operation for one Application, top to bottom: lease, fetch, render, resolve secrets, plan, apply (with
 * hooks, waves and prune), assess health, record. A drift scan, or a push to an Application that does not
 * sync automatically, stops after the plan. An operation still waiting at its deadline is saved and
 * continued by a later invocation; a failed one is retried per the Application's retry policy.
 */
public final class Reconciler {

  /** What the reconciler works with; built once per container. */
  public record Parts(ApplicationStore applications, StatusStore status, LeaseStore leases, ClusterStore clusters,
      Source source, Renderer renderer, SecretResolver secrets, ClusterClients clients, EventSink events) {}

  private final Parts parts;
  private final ReconcilerOptions options;
  private final Clock clock;
  private final Recorder recorder;

  public Reconciler(Parts parts, ReconcilerOptions options, Clock clock) {
    this.parts = parts;
    this.options = options;
    this.clock = clock;
    this.recorder = new Recorder(parts.status(), parts.events(), clock);
  }

  /** Runs the operation; {@code deadline} is when the invocation must have returned. */
  public ReconcileResult reconcile(ReconcileRequest req, Instant deadline) {
    Instant started = clock.instant();
    Instant workUntil = deadline.minus(options.deadlineMargin());
    Application app = registered(req.application());
    AppStatus status = parts.status().get(app.name());
    Operation op = operationFor(req, status, started);
    if (op == null) {
      return recorder.skipped(app, req, status, "no operation " + req.operationId() + " in flight to continue");
    }
    LeaseStore.Lease lease;
    try {
      lease = parts.leases().acquire(app.name(), op.id(),
          Duration.between(started, deadline).plus(options.leaseSlack()));
    } catch (ConflictException e) {
      return recorder.busy(app, req, status, e.getMessage(), options.busyRetry());
    }
    Step step = new Step(app, req, op, started);
    try {
      return run(step, status, workUntil);
    } catch (RuntimeException e) {
      return failed(step, status, e);
    } finally {
      parts.leases().release(lease);
    }
  }

  /**
   * What a sync of {@code application} at {@code revision} (null: its registered targetRevision) would
   * change, recording nothing: fetch, render (for the destination's Kubernetes version, as a sync does),
   * resolve secrets and plan against the live objects. Takes no lease and writes no status, history or event.
   * Resolved secret values are masked in every diff and message, and in the exception when it fails.
   */
  public ChangeSet diff(String application, String revision) {
    Application app = registered(application);
    Application.Source s = app.source();
    Application.Source wanted = revision == null || revision.isBlank() ? s : at(s, revision);
    Checkout checkout = parts.source().fetch(wanted);
    Cluster cluster = cluster(app);
    SecretResolver.Resolution resolved = parts.secrets().resolveAll(parts.renderer().render(checkout.root(), app,
        options.render().withKubeVersion(kubeVersion(cluster))));
    try {
      return new Planner(cluster, options.apply(), resolved.masker())
          .plan(app, resolved.objects(), parts.status().get(app.name()).inventory()).changes()
          .redacted(resolved.masker());
    } catch (RuntimeException e) {
      throw redacted(e, resolved.masker());
    }
  }

  private Application registered(String application) {
    return parts.applications().get(application)
        .orElseThrow(() -> new DriftlessException("application " + application + " is not registered"))
        .application();
  }

  /**
   * What one run knows as it goes: once fetched, the commit it deploys (a retry deploys that commit, never the
   * one a webhook payload named); once resolved, the secret values to mask in everything it records.
   */
  private static final class Step {
    final Application app;
    final ReconcileRequest req;
    final Operation op;
    final Instant started;
    String fetched;
    Redaction redaction = Redaction.NONE;

    Step(Application app, ReconcileRequest req, Operation op, Instant started) {
      this.app = app;
      this.req = req;
      this.op = op;
      this.started = started;
    }
  }

  private ReconcileResult run(Step s, AppStatus status, Instant workUntil) {
    Application app = s.app;
    // fetch
    Application.Source wanted = sourceAt(app, s.req, s.op);
    if (wanted != app.source() && isAutomated(s.op.trigger())
        && !parts.source().reachable(app.source(), s.op.revision())) {
      throw new RevisionNotTrackedException(app, s.op.revision());
    }
    Checkout checkout = parts.source().fetch(wanted);
    String sha = checkout.revision().sha();
    s.fetched = sha;
    if (superseded(s.req, status, sha)) {
      return recorder.superseded(app, s.req, s.op, status, checkout.revision(), s.started);
    }
    if (notAffected(app, s.req, status, checkout)) {
      return recorder.notAffected(app, s.req, status, checkout.revision());
    }
    // render (for the destination's Kubernetes version), resolve
    Cluster cluster = cluster(app);
    List<DesiredObject> rendered = parts.renderer().render(checkout.root(), app,
        options.render().withKubeVersion(kubeVersion(cluster)));
    SecretResolver.Resolution resolved = parts.secrets().resolveAll(rendered);
    s.redaction = resolved.masker();
    // plan
    Plan plan = new Planner(cluster, options.apply(), s.redaction).plan(app, resolved.objects(), status.inventory());
    boolean planOnly = s.req.trigger() == Trigger.SCHEDULE ? !(app.syncPolicy().automated() && app.syncPolicy().selfHeal())
        : s.req.trigger() == Trigger.PUSH && !app.syncPolicy().automated();
    HealthWaiter waiter = new HealthWaiter(cluster.client(), clock,
        HealthWaiter.Options.defaults().withPollInterval(options.healthPoll()));
    if (planOnly || (s.req.trigger() == Trigger.SCHEDULE && plan.changes().inSync())) {
      HealthReport health = waiter.await(refs(status.inventory()), clock.instant());
      return recorder.planned(app, s.req, s.op, status, checkout.revision(), plan.changes().redacted(s.redaction),
          health, s.started);
    }
    // apply, prune, hooks, health
    SyncStep from = s.op.step() == null ? SyncStep.PRE_SYNC : SyncStep.valueOf(s.op.step());
    // The apply stores the inventory itself, ahead of its first write: a crash or an error after it cannot lose
    // an object it created (the status written below does not carry the inventory).
    InventoryJournal journal = inventory -> parts.status().inventories().put(app.name(), inventory);
    SyncRun run = new SyncRun(new Applier(cluster, options.apply(), waiter, new HealthGate(waiter, workUntil), journal),
        new HookRunner(cluster, options.apply(), waiter), waiter);
    SyncRun.Result result = run.run(plan, status.inventory(), from, workUntil, s.op.id()).redacted(s.redaction);
    // record
    if (result.status() == HookRunner.Status.RUNNING) {
      Operation saved = new Operation(s.op.id(), s.op.trigger(), sha, result.reached().name(), s.op.startedAt(),
          s.op.attempt());
      return recorder.running(app, s.req, saved, status, checkout.revision(), result, options.continueAfter());
    }
    if (result.status() == HookRunner.Status.FAILED) {
      Duration retryIn = RetryPolicy.delayAfter(app.syncPolicy().retry(), s.op.attempt());
      Operation next = retryIn == null ? null
          : new Operation(s.op.id(), s.op.trigger(), sha, null, s.op.startedAt(), s.op.attempt() + 1);
      return recorder.failedSync(app, s.req, s.op, next, status, checkout.revision(), result, retryIn, s.started);
    }
    return recorder.synced(app, s.req, s.op, status, checkout.revision(), result, s.started);
  }

  private ReconcileResult failed(Step s, AppStatus status, RuntimeException e) {
    Duration retryIn = s.req.trigger() == Trigger.SCHEDULE || e instanceof RevisionNotTrackedException ? null
        : RetryPolicy.delayAfter(s.app.syncPolicy().retry(), s.op.attempt());
    // A retry deploys the commit this attempt fetched; when none was fetched yet, whatever the operation named
    // (nothing for a push or a scan: the tracked ref is resolved again).
    String revision = s.fetched != null ? s.fetched : s.op.revision();
    Operation next = retryIn == null ? null
        : new Operation(s.op.id(), s.op.trigger(), revision, null, s.op.startedAt(), s.op.attempt() + 1);
    return recorder.error(s.app, s.req, s.op, next, status, redacted(e, s.redaction), retryIn, s.started);
  }

  /**
   * The exception with resolved secret values masked in its message (the API server may echo a rejected value),
   * and without its cause, whose message would still hold them.
   */
  private static RuntimeException redacted(RuntimeException e, Redaction redaction) {
    String message = Recorder.safeMessage(e);
    if (redaction == Redaction.NONE || !redaction.reveals(message)) {
      return e;
    }
    DriftlessException masked = new DriftlessException(redaction.redact(message));
    masked.setStackTrace(e.getStackTrace());
    return masked;
  }

  /** Push and scan deploy what the tracked ref holds; a manual sync or a rollback may name any commit. */
  private static boolean isAutomated(Trigger trigger) {
    return trigger == Trigger.PUSH || trigger == Trigger.SCHEDULE;
  }

  /** A new operation, or the saved one a continuation names. */
  private Operation operationFor(ReconcileRequest req, AppStatus status, Instant now) {
    if (req.trigger() == Trigger.CONTINUE) {
      Operation saved = status.operation();
      return saved != null && saved.id().equals(req.operationId()) ? saved : null;
    }
    // A push's payload names a commit, but a push deploys the tracked ref's head: the payload's commit may be
    // on a fork or a pull request's ref. Only a manual sync or a rollback pins a commit.
    String revision = switch (req.trigger()) {
      case ROLLBACK -> rollbackRevision(req);
      case MANUAL -> req.revision();
      default -> null;
    };
    return new Operation(UUID.randomUUID().toString(), req.trigger(), revision, null, now, 1);
  }

  private String rollbackRevision(ReconcileRequest req) {
    HistoryEntry h = parts.status().historyEntry(req.application(), req.operationId())
        .orElseThrow(() -> new DriftlessException("application " + req.application() + ": no history entry "
            + req.operationId() + " to roll back to"));
    if (h.revision() == null) {
      throw new DriftlessException("application " + req.application() + ": history entry " + req.operationId()
          + " has no revision");
    }
    return h.revision();
  }

  /**
   * The source at the commit the operation is pinned to (rollback, continuation, retry, a manual sync that
   * names a revision), else as registered.
   */
  private static Application.Source sourceAt(Application app, ReconcileRequest req, Operation op) {
    Application.Source s = app.source();
    boolean pinned = req.trigger() == Trigger.ROLLBACK || req.trigger() == Trigger.CONTINUE || op.attempt() > 1
        || (req.trigger() == Trigger.MANUAL && req.revision() != null);
    if (!pinned || op.revision() == null) return s;
    return at(s, op.revision());
  }

  private static Application.Source at(Application.Source s, String revision) {
    return new Application.Source(s.repoURL(), revision, s.path(), s.credentials(), s.kind(), s.kustomize(),
        s.helm());
  }

  /** A push of a commit other than the branch's head, when the head is already synced, is superseded. */
  private static boolean superseded(ReconcileRequest req, AppStatus status, String headSha) {
    return req.trigger() == Trigger.PUSH && req.revision() != null && !headSha.startsWith(req.revision())
        && headSha.equals(status.revision()) && status.lastResult() == OperationResult.SUCCEEDED;
  }

  /**
   * A push whose changes, computed with Git between the last synced commit and the pushed one, touch none of
   * the directories the Application depends on (its path and every local kustomize reference) does not
   * affect it. Unknown changes affect every Application.
   */
  private boolean notAffected(Application app, ReconcileRequest req, AppStatus status, Checkout checkout) {
    if (req.trigger() != Trigger.PUSH || status.revision() == null || status.lastResult() != OperationResult.SUCCEEDED
        || status.revision().equals(checkout.revision().sha())) {
      return false;
    }
    ChangedPaths changed = parts.source().changedPaths(app.source().repoURL(), app.source().credentials(),
        status.revision(), checkout.revision().sha());
    return !DependencyDirectories.affects(changed, DependencyDirectories.of(checkout.root(), app.source().path()));
  }

  private Cluster cluster(Application app) {
    ClusterRegistration reg = parts.clusters().get(app.destination().cluster())
        .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
            + app.destination().cluster() + " is not registered"));
    return parts.clients().get(reg);
  }

  /** The destination's version (helm's Capabilities.KubeVersion), e.g. {@code v1.34.4}. */
  private static String kubeVersion(Cluster cluster) {
    return cluster.client().getKubernetesVersion().getGitVersion();
  }

  private static List<ObjectRef> refs(Inventory inventory) {
    return inventory.entries().entrySet().stream().map(e -> new ObjectRef(e.getValue().apiVersion(), e.getKey()))
        .toList();
  }
}
