package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.Applier;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.HealthGate;
import dev.driftless.apply.HookRunner;
import dev.driftless.apply.InventoryJournal;
import dev.driftless.apply.SyncRun;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthStatus;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.inventory.Inventory;
import dev.driftless.logging.LogContext;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.Redaction;
import dev.driftless.model.SyncStep;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.Projects;
import dev.driftless.project.SyncVerdict;
import dev.driftless.project.Violation;
import dev.driftless.reconcile.Outcome.Kind;
import dev.driftless.reconcile.Preparation.Prepared;
import dev.driftless.render.Renderer;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.source.ChangedPaths;
import dev.driftless.source.Checkout;
import dev.driftless.source.DependencyDirectories;
import dev.driftless.source.Revision;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One operation for one Application, top to bottom: lease, admit (the project's rules, read fresh; its source
 * checked), fetch, prepare (render, hold to the project, resolve secrets, plan), decide, hold (sync windows),
 * apply (with hooks, waves and prune), assess health (apart: a Degraded object does not fail a sync whose apply
 * and hooks succeeded), record. A drift scan, or a push to an
 * Application that does not sync automatically, stops after the plan. An operation still waiting at its deadline
 * is saved and continued by a later invocation; a failed one is retried per the Application's retry policy.
 */
public final class Reconciler {

  /** What the reconciler works with; built once per container. Projects are read fresh by every plan. */
  public record Parts(ApplicationStore applications, StatusStore status, LeaseStore leases, ClusterStore clusters,
      Source source, Renderer renderer, SecretResolver secrets, ClusterClients clients, EventSink events,
      Projects projects) {}

  private final Parts parts;
  private final ReconcilerOptions options;
  private final Clock clock;
  private final OperationSource sources;
  private final Preparation preparation;
  private final Recorder recorder;
  private final SavedOperation saved;
  private final ResourceDeletion deletion;
  private final ChildRegistrar childRegistrar;

  public Reconciler(Parts parts, ReconcilerOptions options, Clock clock) {
    this.parts = parts;
    this.options = options;
    this.clock = clock;
    this.sources = new OperationSource(parts.source());
    this.preparation = new Preparation(parts, options);
    this.recorder = new Recorder(parts.status(), parts.events(), clock);
    this.saved = new SavedOperation(parts.leases(), recorder);
    this.deletion = new ResourceDeletion(parts, options, clock);
    this.childRegistrar = new ChildRegistrar(parts, deletion);
  }

  /** The drift scan of a cluster's Applications over the same parts and options as these operations. */
  public ClusterScan clusterScan() {
    return new ClusterScan(parts, options, clock);
  }

  /** Each object of an Application with its planned action and health now, over the same parts and options. */
  public ResourceView resourceView() {
    return new ResourceView(parts, sources, preparation, options, clock);
  }

  /** The removal of an Application with its objects, over the same parts and options. */
  public CascadeDelete cascadeDelete() {
    return new CascadeDelete(parts, options, deletion);
  }

  /** The evaluation of ApplicationSets over the same parts and options as these operations. */
  public ApplicationSetSync applicationSets() {
    return new ApplicationSetSync(parts, options, clock, parts.applications().sets());
  }

  /** Runs the operation; {@code deadline} is when the invocation must have returned. */
  public ReconcileResult reconcile(ReconcileRequest req, Instant deadline) {
    Instant started = clock.instant();
    ApplicationStore.Stored stored = stored(req.application());
    Application app = stored.application();
    AppStatus status = parts.status().get(app.name());
    Operation op = operationFor(req, status, started);
    LogContext.put(LogContext.CLUSTER, app.destination().cluster());
    LogContext.put(LogContext.OPERATION, op == null ? req.operationId() : op.id());
    if (op == null) {
      return recorder.record(status, Outcome.of(Kind.SKIPPED, app, req, null, started)
          .with(null, null, "no operation " + req.operationId() + " in flight to continue"));
    }
    Instant leaseHeld = saved.running(app.name(), op, started);
    if (leaseHeld != null) {
      // Its pass holds a live lease and renews it: taking over would run two passes of one operation.
      return recorder.record(status, Outcome.of(Kind.SKIPPED, app, req, op, started).with(null, null,
          "operation " + op.id() + " is running until " + leaseHeld + " (its lease, renewed while it runs)"));
    }
    LeaseStore.Lease lease;
    try {
      // One holder per pass: a pass that lost its lease (paused past it) cannot renew it beside its successor.
      lease = parts.leases().acquire(app.name(), op.id() + "/" + UUID.randomUUID(), options.leasePeriod());
    } catch (ConflictException e) {
      return recorder.record(status, Outcome.of(Kind.SKIPPED, app, req, op, started).with(null, null, e.getMessage())
          .then(null, options.busyRetry()));
    }
    try (LeaseRenewal renewal = LeaseRenewal.start(parts.leases(), lease, options.leasePeriod(),
        options.leaseRenewal())) {
      // Read again under the lease: a pass that ended between the first read and the lease recorded its end, and this
      // pass starts from that status, not from the one it read while the other still ran.
      status = parts.status().get(app.name());
      String notNow = SavedOperation.notNow(req, op, status, started);
      if (notNow != null) {
        return recorder.record(status, Outcome.of(Kind.SKIPPED, app, req, op, started).with(null, null, notNow));
      }
      Attempt attempt = new Attempt(app, stored.version(), req, op.running(started, lease.expiresAt()), started,
          renewal);
      try {
        if (!req.trigger().detectsDrift()) begin(attempt, status);
        Outcome done = run(attempt, status, deadline.minus(options.deadlineMargin()));
        return recorded(status, attempt, renewal.lostBecause() == null ? done : lost(attempt));
      } catch (RuntimeException e) {
        return recorded(status, attempt, renewal.lostBecause() == null ? failed(attempt, e) : lost(attempt));
      }
    } finally {
      parts.leases().release(lease);
    }
  }

  /** Records the end, then tells the event sink of a sync's end with the commit it fetched (commit statuses). */
  private ReconcileResult recorded(AppStatus status, Attempt a, Outcome end) {
    ReconcileResult result = recorder.record(status, end);
    if (end.kind().isSync()) parts.events().syncEnded(a.app, a.fetched == null ? null : a.fetched.sha(), result);
    return result;
  }

  /**
   * A pass whose lease another took over records nothing: the status and the continuation are its
   * successor's. What it wrote to the cluster before it noticed stays in the inventory stored ahead.
   */
  private static Outcome lost(Attempt a) {
    return a.outcome(Kind.SKIPPED).with(null, null, a.renewal.lostBecause());
  }

  /**
   * What a sync of {@code application} at {@code revision} (null: its registered targetRevision) would
   * change, recording nothing: fetch, then prepare as a sync does (render for the destination's Kubernetes
   * version, resolve secrets, plan against the live objects). Takes no lease and writes no status, history or
   * event. Resolved secret values are masked in every diff and message, and in the exception when it fails.
   */
  public ChangeSet diff(String application, String revision) {
    Application app = registered(application);
    Application wanted = revision == null || revision.isBlank() ? app : OperationSource.at(app, revision);
    ProjectRules rules = preparation.admit(app);
    try (Prepared prepared = preparation.prepare(app, rules, sources.fetchAll(wanted),
        parts.status().get(app.name()).inventory(), OperationOptions.NONE, false)) {
      return prepared.changes().redacted(prepared.redaction());
    }
  }

  /**
   * As {@link #diff}, but objects the project refuses are listed as violations beside the plan of the others
   * instead of refusing the whole: what a pull request's plan shows. A refused source or destination still
   * refuses the whole ({@code ProjectViolationException}).
   */
  public Preview preview(String application, String revision) {
    Application app = registered(application);
    Application wanted = revision == null || revision.isBlank() ? app : OperationSource.at(app, revision);
    ProjectRules rules = preparation.admit(app);
    List<Violation> violations = new ArrayList<>();
    try (Prepared prepared = preparation.prepare(app, rules, sources.fetchAll(wanted),
        parts.status().get(app.name()).inventory(), OperationOptions.NONE, false, violations)) {
      return new Preview(prepared.changes().redacted(prepared.redaction()), violations);
    }
  }

  /**
   * Whether {@code revision} changes anything {@code application} renders from, against the commit it last synced:
   * its path and the directories its render reads (a pull-request plan skips an Application a change does not
   * touch). True whenever that cannot be told cheaply: never synced, several sources, a chart or OCI source.
   */
  public boolean touches(String application, String revision) {
    Application app = registered(application);
    String deployed = parts.status().get(app.name()).revision();
    if (deployed == null || app.isMultiSource() || !app.source().isGit() || revision.equals(deployed)) {
      return true;
    }
    return affects(app, deployed, sources.fetchAll(OperationSource.at(app, revision)).primary(app));
  }

  /** Whether the checked-out commit changes, since {@code deployed}, a directory the Application renders from. */
  private boolean affects(Application app, String deployed, Checkout checkout) {
    ChangedPaths changed = parts.source().changedPaths(app.source().repoURL(), app.source().credentials(), deployed,
        checkout.revision().sha());
    return DependencyDirectories.affects(changed, DependencyDirectories.of(checkout.root(), app.source()));
  }

  private Application registered(String application) {
    return stored(application).application();
  }

  private ApplicationStore.Stored stored(String application) {
    return parts.applications().get(application)
        .orElseThrow(() -> new DriftlessException("application " + application + " is not registered"));
  }

  /**
   * What one run knows as it goes: once fetched, the commit it deploys (a retry deploys that commit, never the
   * one a webhook payload named); once prepared, the secret values to mask in everything it records.
   */
  private static final class Attempt {
    final Application app;
    final long specVersion;
    final ReconcileRequest req;
    final Operation op;
    final Instant started;
    final LeaseRenewal renewal;
    Revision fetched;
    Redaction redaction = Redaction.NONE;

    Attempt(Application app, long specVersion, ReconcileRequest req, Operation op, Instant started,
        LeaseRenewal renewal) {
      this.app = app;
      this.specVersion = specVersion;
      this.req = req;
      this.op = op;
      this.started = started;
      this.renewal = renewal;
    }

    /** The operation pinned to the commit this attempt fetched; when none was fetched yet, as it was named. */
    Operation pinned() {
      return fetched == null ? op : op.pinnedTo(fetched.sha());
    }

    Outcome outcome(Kind kind) {
      return Outcome.of(kind, app, req, op, started);
    }
  }

  private Outcome run(Attempt a, AppStatus status, Instant workUntil) {
    ProjectRules rules = preparation.admit(a.app);
    Fetched fetched = fetch(a);
    if (superseded(a.req, status, fetched.revision().sha())) {
      return a.outcome(Kind.SUPERSEDED).at(fetched.revision());
    }
    if (notAffected(a, status, fetched)) {
      return a.outcome(Kind.NOT_AFFECTED).at(fetched.revision());
    }
    // A scan (or an audit event) queues this when it saw a difference, a rotated secret among them: the values
    // cached from an earlier pass are checked against the secrets' current version ids first.
    try (Prepared prepared = preparation.prepare(a.app, rules, fetched, status.inventory(), a.op.options(),
        a.req.trigger().detectsDrift())) {
      a.redaction = prepared.redaction();
      Decision decision = Decision.of(a.req.trigger(), a.app.syncPolicy(), prepared.inSync(),
          a.op.step(), isNew(fetched.revision().sha(), status));
      HealthWaiter waiter = new HealthWaiter(prepared.cluster().client(), clock,
          HealthWaiter.Options.defaults().withPollInterval(options.healthPoll()).withAssessor(options.health()));
      if (decision.planOnly()) {
        HealthReport health = waiter.await(refs(status.inventory()), clock.instant());
        return a.outcome(Kind.PLANNED).at(prepared.revision())
            .with(prepared.changes().redacted(a.redaction), plannedHealth(health, prepared.changes()), null)
            .basedOn(PlanBasis.ofPlan(prepared, a.specVersion, status.inventory()));
      }
      Outcome held = held(a, rules, prepared);
      if (held != null) {
        return held;
      }
      if (a.req.trigger().detectsDrift()) {
        // A scan that applies (a new revision, or selfHeal) records its pass only now: one that plans writes no
        // status to start.
        begin(a, status);
      }
      if (a.req.trigger() != Trigger.CONTINUE) {
        recorder.syncStarted(a.app, a.pinned(), prepared.revision(), prepared.plan().changes());
      }
      SyncRun.Result result = apply(a, prepared, waiter, decision.from(), status, workUntil);
      return ended(a, prepared, registerChildren(a, prepared, result, workUntil));
    }
  }

  /**
   * When the project's sync windows block this sync now: an automated one (a push, a scan, their retry) waits,
   * and the first scan after the windows open syncs the commit it held; a manual sync or a rollback is refused
   * unless the blocking windows allow manual syncs. A continuation of a pass already applying is not held: it
   * would leave the apply half done.
   */
  private Outcome held(Attempt a, ProjectRules rules, Prepared prepared) {
    if (a.req.trigger() == Trigger.CONTINUE && a.op.step() != null) return null;
    boolean manual = a.op.trigger() == Trigger.MANUAL || a.op.trigger() == Trigger.ROLLBACK;
    SyncVerdict verdict = rules.syncWindow(a.app, prepared.destination(), manual, clock.instant());
    if (verdict.allowed()) return null;
    Outcome o = a.outcome(manual ? Kind.REFUSED : Kind.WAITING).at(prepared.revision());
    return o.with(prepared.plan().changes().redacted(a.redaction), null,
        manual ? a.op.trigger().word() + " sync refused: " + verdict.reason() + " (the window does not allow manual"
            + " syncs)" : verdict.reason());
  }

  /** A head not synced yet, and not the commit whose last attempt failed (which is not tried again unasked). */
  private static boolean isNew(String head, AppStatus status) {
    return !head.equals(status.revision()) && !head.equals(status.failedRevision());
  }

  private Fetched fetch(Attempt a) {
    Fetched fetched = sources.fetch(a.app, a.req, a.op);
    a.fetched = fetched.revision();
    return fetched;
  }

  /** Hooks, the staged apply and prune, health, from the step decided; every text in the result masked. */
  private SyncRun.Result apply(Attempt a, Prepared p, HealthWaiter waiter, SyncStep from, AppStatus status,
      Instant workUntil) {
    // The apply stores the inventory itself, ahead of its first write: a crash or an error after it cannot lose
    // an object it created (the status the recorder writes does not carry the inventory). A pass that lost its
    // lease stops there, before its first write, and at the gate before each later wave. Not covered: the
    // writes of a wave already under way, and hooks, which run to their end (at most one lease period late).
    InventoryJournal journal = inventory -> {
      a.renewal.ensureHeld();
      parts.status().inventories().put(a.app.destination().cluster(), a.app.name(), inventory);
    };
    // Argo CD's sync timeout, from this attempt's first pass: a wave that never becomes healthy fails the sync.
    Instant timeoutAt = a.op.startedAt().plus(options.syncTimeout());
    HealthGate health = new HealthGate(waiter, workUntil, timeoutAt);
    Applier.StageGate gate = stage -> {
      Applier.Verdict verdict = health.afterStage(stage);
      String lost = a.renewal.lostBecause();
      return lost == null ? verdict : Applier.Verdict.hold(lost);
    };
    // One status write per step: the status shows where the pass is, and a crashed pass is continued from there,
    // at the commit it fetched (a step past APPLY must not meet a newer commit's objects unapplied).
    SyncRun.Progress progress = step -> {
      if (a.renewal.lostBecause() == null) recorder.started(a.app, status, a.pinned().movedTo(step));
    };
    SyncRun run = new SyncRun(new Applier(p.cluster(), options.apply(), waiter, gate, journal),
        new HookRunner(p.cluster(), options.apply(), waiter), waiter, progress);
    SyncRun.Result r = run.run(p.plan(), status.inventory(), from, workUntil, timeoutAt, a.op.id());
    return assessed(r, waiter).redacted(a.redaction);
  }

  /**
   * A sync that ended is assessed once, without waiting, where it did not wait for health itself: the operation
   * ends when its last wave is applied and its hooks are done, and its health is reported apart, as in Argo CD.
   */
  private SyncRun.Result assessed(SyncRun.Result r, HealthWaiter waiter) {
    if (r.health() != null || r.status() == HookRunner.Status.RUNNING) return r;
    HealthReport report = waiter.await(refs(r.inventory()), clock.instant());
    return new SyncRun.Result(r.status(), r.reached(), r.changes(), r.inventory(), r.message(), report, r.wave());
  }

  /**
   * An app of apps' children are registered once its own objects are applied and its hooks done (Argo CD applies
   * child Application resources in their wave; here they follow the last one). A child that could not be
   * registered or pruned fails the operation, naming it.
   */
  private SyncRun.Result registerChildren(Attempt a, Prepared p, SyncRun.Result r, Instant workUntil) {
    if (p.children().children().isEmpty() || r.status() != HookRunner.Status.SUCCEEDED) return r;
    ChangeSet children = new ChangeSet(childRegistrar.apply(ChildOwner.of(a.app), p.children(), workUntil));
    HookRunner.Status status = children.failed() ? HookRunner.Status.FAILED : r.status();
    String message = children.failed() ? "child registrations failed: " + children.failures() : r.message();
    return new SyncRun.Result(status, r.reached(), r.changes().plus(children.changes()), r.inventory(), message,
        r.health());
  }

  /** Saved at the step reached when still running; retried per the policy when failed. */
  private Outcome ended(Attempt a, Prepared p, SyncRun.Result r) {
    Kind kind = switch (r.status()) {
      case RUNNING -> Kind.RUNNING;
      case FAILED -> Kind.FAILED;
      case SUCCEEDED -> Kind.SYNCED;
    };
    Outcome o = a.outcome(kind).at(p.revision())
        .with(r.changes(), r.health() == null ? null : r.health().aggregate(), r.message())
        .basedOn(kind == Kind.SYNCED && a.op.options().selectsAll() ? PlanBasis.of(p, a.specVersion) : null);
    if (kind == Kind.RUNNING) {
      return o.then(a.pinned().heldAt(r.reached(), r.wave()), options.continueAfter());
    }
    Duration retryIn = kind == Kind.FAILED ? RetryPolicy.afterFailedSync(a.app.syncPolicy().retry(), a.op.attempt())
        : null;
    return o.then(retryIn == null ? null : a.pinned().retry(), retryIn);
  }

  /**
   * A retry deploys the commit this attempt fetched; when none was, whatever the operation named. The commit fetched
   * is recorded (a render that failed names the commit it rendered).
   */
  private static Outcome failed(Attempt a, RuntimeException e) {
    Duration retryIn = RetryPolicy.afterError(a.req.trigger(), e, a.app.syncPolicy().retry(), a.op.attempt());
    return a.outcome(Kind.ERROR).at(a.fetched).with(null, null, ErrorText.of(ErrorText.redacted(e, a.redaction)))
        .then(retryIn == null ? null : a.pinned().retry(), retryIn);
  }

  /**
   * Records the pass as running, once, before its first step; a scan does so only when it applies (then it may be
   * the pass that takes a crashed operation over, too). A saved operation it replaces gets its history entry first.
   */
  private void begin(Attempt a, AppStatus status) {
    // Judged now that this pass holds the lease, not at its start: a crashed pass's lease that ran out in between
    // (this pass took it over) must still leave its abandoned entry.
    saved.replaced(a.app, a.req, status, clock.instant());
    recorder.started(a.app, status, a.op);
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
    return Operation.start(UUID.randomUUID().toString(), req.trigger(), revision, now)
        .with(req.trigger() == Trigger.MANUAL ? req.options() : OperationOptions.NONE);
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
  private boolean notAffected(Attempt a, AppStatus status, Fetched fetched) {
    if (a.req.trigger() != Trigger.PUSH || status.revision() == null || a.app.isMultiSource()
        || status.lastResult() != OperationResult.SUCCEEDED || status.revision().equals(fetched.revision().sha())) {
      return false; // several sources: a push to any of them is taken to affect the Application
    }
    return !affects(a.app, status.revision(), fetched.primary(a.app));
  }

  /**
   * The health a plan records: the applied objects' health, and Missing when Git has objects the cluster does
   * not (as Argo CD counts an object still to create), so an Application never synced is not called Healthy.
   */
  private static HealthStatus plannedHealth(HealthReport applied, ChangeSet changes) {
    HealthStatus health = applied.aggregate();
    return changes.count(Action.CREATE) > 0 && HealthStatus.MISSING.isWorseThan(health) ? HealthStatus.MISSING
        : health;
  }

  private static List<ObjectRef> refs(Inventory inventory) {
    return inventory.entries().entrySet().stream().map(e -> new ObjectRef(e.getValue().apiVersion(), e.getKey()))
        .toList();
  }
}
