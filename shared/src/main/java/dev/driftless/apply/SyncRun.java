package dev.driftless.apply;

import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthStatus;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Redaction;
import dev.driftless.model.SyncStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One sync of a plan, with its hooks, as Argo CD runs it: PreSync hooks (CreateNamespace=true's namespace
 * created before them), then the staged apply and prune (waves gated on health), then Sync hooks, then, only when
 * there are PostSync hooks, a wait until every object is healthy and the PostSync hooks. The sync ends there:
 * when the last wave is applied and its hooks are done; how healthy the objects are after it is the caller's
 * to assess and report apart. SyncFail hooks run when any step fails. A hook or a wave still running at the
 * deadline ends the run as RUNNING with what was done so far; running it again with the same operation id resumes
 * the hook instead of starting it over. A wait for health that reaches the operation's timeout fails the sync,
 * naming the objects still progressing. The apply itself is skipped on a resumed run once it has been done (the
 * caller passes the step reached).
 */
public final class SyncRun {

  /** {@code wave}: the sync wave a run held at its apply step waits to apply; null otherwise. */
  public record Result(HookRunner.Status status, SyncStep reached, ChangeSet changes, Inventory inventory,
      String message, HealthReport health, Integer wave) {

    /** A result not held between waves. */
    public Result(HookRunner.Status status, SyncStep reached, ChangeSet changes, Inventory inventory, String message,
        HealthReport health) {
      this(status, reached, changes, inventory, message, health, null);
    }

    /** The same result with every diff and message passed through {@code redaction}. */
    public Result redacted(Redaction redaction) {
      return new Result(status, reached, changes.redacted(redaction), inventory, redaction.redact(message), health,
          wave);
    }
  }

  /** Told of each step as the run enters it. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = step -> { };

    void entered(SyncStep step);
  }

  private final Applier applier;
  private final HookRunner hooks;
  private final HealthWaiter health;
  private final Progress progress;

  /** A sync without waiting for health before PostSync hooks. */
  public SyncRun(Applier applier, HookRunner hooks) {
    this(applier, hooks, null);
  }

  public SyncRun(Applier applier, HookRunner hooks, HealthWaiter health) {
    this(applier, hooks, health, Progress.NONE);
  }

  public SyncRun(Applier applier, HookRunner hooks, HealthWaiter health, Progress progress) {
    this.applier = applier;
    this.hooks = hooks;
    this.health = health;
    this.progress = progress;
  }

  /** A run whose waits end at {@code deadline} and are continued later, however long the operation has run. */
  public Result run(Plan plan, Inventory previous, SyncStep from, Instant deadline, String operationId) {
    return run(plan, previous, from, deadline, null, operationId);
  }

  /** A run whose waits for health fail the sync at {@code timeoutAt} (null: never). */
  public Result run(Plan plan, Inventory previous, SyncStep from, Instant deadline, Instant timeoutAt,
      String operationId) {
    List<Change> hookChanges = new ArrayList<>();
    Inventory inventory = previous;
    ChangeSet applied = new ChangeSet(List.of());
    if (!from.isAfter(SyncStep.PRE_SYNC)) {
      progress.entered(SyncStep.PRE_SYNC);
      Optional<Change> namespace = has(plan, Hooks.Phase.PRE_SYNC)
          ? applier.applyNamespaceFirst(plan, deadline) : Optional.empty();
      if (namespace.isPresent() && namespace.get().outcome().isFailure()) {
        Change ns = namespace.get();
        return failed(plan, SyncStep.PRE_SYNC, new ChangeSet(List.of(ns)), inventory,
            ns.key() + ": " + ns.message(), deadline, operationId);
      }
      HookRunner.Result pre = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.PRE_SYNC, deadline, operationId);
      hookChanges.addAll(pre.changes());
      if (pre.status() != HookRunner.Status.SUCCEEDED) {
        // The apply reports the namespace when it runs; a sync stopped before it reports it here.
        namespace.ifPresent(c -> hookChanges.add(0, c));
        return end(plan, pre, SyncStep.PRE_SYNC, applied.plus(hookChanges), inventory, deadline, operationId);
      }
    }
    if (!from.isAfter(SyncStep.APPLY)) {
      progress.entered(SyncStep.APPLY);
      Applier.Result r = applier.apply(plan, previous, deadline);
      applied = r.changes();
      inventory = r.inventory();
      if (applied.failed()) {
        return failed(plan, SyncStep.APPLY, applied.plus(hookChanges), inventory,
            applied.failures().size() + " object(s) failed to apply", deadline, operationId);
      }
      if (r.timedOut()) {
        return failed(plan, SyncStep.APPLY, applied.plus(hookChanges), inventory,
            "sync timed out " + r.heldBack(), deadline, operationId);
      }
      if (r.waiting()) {
        return new Result(HookRunner.Status.RUNNING, SyncStep.APPLY, applied.plus(hookChanges), inventory,
            r.heldBack(), null, r.heldWave());
      }
    }
    boolean postSync = has(plan, Hooks.Phase.POST_SYNC);
    HealthReport report = null;
    for (SyncStep step : List.of(SyncStep.SYNC_HOOKS, SyncStep.HEALTH, SyncStep.POST_SYNC)) {
      if (from.isAfter(step) || step != SyncStep.SYNC_HOOKS && !postSync) continue;
      progress.entered(step);
      if (step == SyncStep.HEALTH) {
        if (health == null) continue;
        boolean bounded = timeoutAt != null && !timeoutAt.isAfter(deadline);
        report = health.await(refs(inventory), bounded ? timeoutAt : deadline);
        if (!report.progressing().isEmpty()) {
          String waiting = report.unreachable() != null ? report.unreachable()
              : "waiting for healthy state of " + report.describeProgressing(HealthGate.NAMED);
          if (bounded) {
            return failed(plan, SyncStep.HEALTH, applied.plus(hookChanges), inventory,
                "sync timed out before its PostSync hooks " + waiting, deadline, operationId);
          }
          return new Result(HookRunner.Status.RUNNING, SyncStep.HEALTH, applied.plus(hookChanges), inventory,
              waiting, report);
        }
        if (report.aggregate() == HealthStatus.DEGRADED) {
          // PostSync hooks run only once every object is healthy, as in Argo CD.
          Result r = failed(plan, SyncStep.HEALTH, applied.plus(hookChanges), inventory,
              "degraded, so PostSync hooks did not run: " + report.withStatus(HealthStatus.DEGRADED).get(0),
              deadline, operationId);
          return new Result(r.status(), r.reached(), r.changes(), r.inventory(), r.message(), report);
        }
        continue;
      }
      Hooks.Phase phase = step == SyncStep.SYNC_HOOKS ? Hooks.Phase.SYNC : Hooks.Phase.POST_SYNC;
      HookRunner.Result r = hooks.run(plan.application(), plan.hooks(), phase, deadline, operationId);
      hookChanges.addAll(r.changes());
      if (r.status() != HookRunner.Status.SUCCEEDED) {
        return end(plan, r, step, applied.plus(hookChanges), inventory, deadline, operationId);
      }
    }
    return new Result(HookRunner.Status.SUCCEEDED, SyncStep.DONE, applied.plus(hookChanges), inventory, null, report);
  }

  /** Whether any of the plan's hooks runs in {@code phase}. */
  private static boolean has(Plan plan, Hooks.Phase phase) {
    return plan.hooks().stream().anyMatch(h -> Hooks.phases(h.object()).contains(phase));
  }

  private static List<ObjectRef> refs(Inventory inventory) {
    return inventory.entries().entrySet().stream()
        .map(e -> new ObjectRef(e.getValue().apiVersion(), e.getKey())).toList();
  }

  /** A failed sync at {@code step}: its SyncFail hooks run, and their changes are reported with the others. */
  private Result failed(Plan plan, SyncStep step, ChangeSet changes, Inventory inventory, String message,
      Instant deadline, String operationId) {
    HookRunner.Result fail = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.SYNC_FAIL, deadline,
        operationId);
    return new Result(HookRunner.Status.FAILED, step, changes.plus(fail.changes()), inventory, message, null);
  }

  private Result end(Plan plan, HookRunner.Result r, SyncStep step, ChangeSet changes, Inventory inventory,
      Instant deadline, String operationId) {
    if (r.status() == HookRunner.Status.FAILED) {
      return failed(plan, step, changes, inventory, r.message(), deadline, operationId);
    }
    return new Result(r.status(), step, changes, inventory, r.message(), null);
  }
}
