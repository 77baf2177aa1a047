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

/**
 * One sync of a plan, with its hooks: PreSync hooks, then the staged apply and prune, then Sync hooks, then
 * (when a health waiter is given) a wait until nothing is progressing, then PostSync hooks; SyncFail hooks
 * when any step fails or the application ends Degraded. A hook still running at the deadline ends the run as
 * RUNNING with what was done so far; running it again with the same operation id resumes the hook instead of
 * starting it over. The apply itself is skipped on a resumed run once it has been done (the caller passes
 * the step reached).
 */
public final class SyncRun {

  public record Result(HookRunner.Status status, SyncStep reached, ChangeSet changes, Inventory inventory,
      String message, HealthReport health) {

    /** The same result with every diff and message passed through {@code redaction}. */
    public Result redacted(Redaction redaction) {
      return new Result(status, reached, changes.redacted(redaction), inventory, redaction.redact(message), health);
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

  /** A sync without waiting for health (health is then assessed by the caller). */
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

  public Result run(Plan plan, Inventory previous, SyncStep from, Instant deadline, String operationId) {
    List<Change> hookChanges = new ArrayList<>();
    Inventory inventory = previous;
    ChangeSet applied = new ChangeSet(List.of());
    if (!from.isAfter(SyncStep.PRE_SYNC)) {
      progress.entered(SyncStep.PRE_SYNC);
      HookRunner.Result pre = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.PRE_SYNC, deadline, operationId);
      hookChanges.addAll(pre.changes());
      if (pre.status() != HookRunner.Status.SUCCEEDED) {
        return end(plan, pre, SyncStep.PRE_SYNC, applied.plus(hookChanges), inventory, deadline, operationId);
      }
    }
    if (!from.isAfter(SyncStep.APPLY)) {
      progress.entered(SyncStep.APPLY);
      Applier.Result r = applier.apply(plan, previous, deadline);
      applied = r.changes();
      inventory = r.inventory();
      if (applied.failed()) {
        HookRunner.Result fail = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.SYNC_FAIL, deadline,
            operationId);
        hookChanges.addAll(fail.changes());
        return new Result(HookRunner.Status.FAILED, SyncStep.APPLY, applied.plus(hookChanges), inventory,
            applied.failures().size() + " object(s) failed to apply", null);
      }
      if (r.waiting()) {
        return new Result(HookRunner.Status.RUNNING, SyncStep.APPLY, applied.plus(hookChanges), inventory,
            r.heldBack(), null);
      }
    }
    HealthReport report = null;
    for (SyncStep step : List.of(SyncStep.SYNC_HOOKS, SyncStep.HEALTH, SyncStep.POST_SYNC)) {
      if (from.isAfter(step) || step == SyncStep.HEALTH && health == null) continue;
      progress.entered(step);
      if (step == SyncStep.HEALTH) {
        List<ObjectRef> refs = inventory.entries().entrySet().stream()
            .map(e -> new ObjectRef(e.getValue().apiVersion(), e.getKey())).toList();
        report = health.await(refs, deadline);
        if (!report.progressing().isEmpty()) {
          return new Result(HookRunner.Status.RUNNING, SyncStep.HEALTH, applied.plus(hookChanges), inventory,
              report.unreachable() != null ? report.unreachable()
                  : report.progressing().size() + " object(s) still progressing", report);
        }
        if (report.aggregate() == HealthStatus.DEGRADED) {
          HookRunner.Result fail = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.SYNC_FAIL, deadline,
              operationId);
          hookChanges.addAll(fail.changes());
          return new Result(HookRunner.Status.FAILED, SyncStep.HEALTH, applied.plus(hookChanges), inventory,
              "degraded: " + report.withStatus(HealthStatus.DEGRADED).get(0), report);
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

  private Result end(Plan plan, HookRunner.Result r, SyncStep step, ChangeSet changes, Inventory inventory,
      Instant deadline, String operationId) {
    if (r.status() == HookRunner.Status.FAILED) {
      HookRunner.Result fail = hooks.run(plan.application(), plan.hooks(), Hooks.Phase.SYNC_FAIL, deadline,
          operationId);
      changes = changes.plus(fail.changes());
    }
    return new Result(r.status(), step, changes, inventory, r.message(), null);
  }
}
