package dev.driftless.reconcile;

import dev.driftless.apply.Change;
import dev.driftless.apply.HookRunner;
import dev.driftless.apply.Hooks;
import dev.driftless.health.HealthWaiter;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.project.ProjectRules;
import dev.driftless.reconcile.Preparation.PreparedHooks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs an Application's PreDelete hooks (Argo CD 3.x) before a cascading delete touches anything: the hooks of its
 * source at the revision it tracks now, held to its project and their secret references resolved as a sync's are
 * ({@link Preparation#prepareHooks}), run by the sync's {@link HookRunner} and awaited within the sync timeout. The hooks' operation id is
 * the revision, so a delete repeated after the deadline waits on the hook already started instead of starting it
 * again.
 */
final class PreDeleteHooks {

  private final OperationSource sources;
  private final Preparation preparation;
  private final ReconcilerOptions options;
  private final Clock clock;

  PreDeleteHooks(OperationSource sources, Preparation preparation, ReconcilerOptions options, Clock clock) {
    this.sources = sources;
    this.preparation = preparation;
    this.options = options;
    this.clock = clock;
  }

  /**
   * Returns once every PreDelete hook succeeded (at once when there is none).
   *
   * @throws PreDeleteHookException when one failed or was still running at the deadline, naming it
   */
  void run(Application app, Instant deadline) {
    ProjectRules rules = preparation.admit(app);
    try (PreparedHooks prepared = preparation.prepareHooks(app, rules, sources.fetchAll(app),
        Hooks.Phase.PRE_DELETE)) {
      List<DesiredObject> hooks = prepared.hooks();
      if (hooks.isEmpty()) return;
      Instant timeout = clock.instant().plus(options.syncTimeout());
      HealthWaiter waiter = new HealthWaiter(prepared.cluster().client(), clock,
          HealthWaiter.Options.defaults().withPollInterval(options.healthPoll()).withAssessor(options.health()));
      HookRunner.Result r;
      try {
        r = new HookRunner(prepared.cluster(), options.apply(), waiter).run(app, hooks, Hooks.Phase.PRE_DELETE,
            timeout.isBefore(deadline) ? timeout : deadline, prepared.revision().sha() + "-predelete");
      } catch (RuntimeException e) {
        throw ErrorText.redacted(e, prepared.redaction());
      }
      if (r.status() == HookRunner.Status.SUCCEEDED) return;
      Change last = r.changes().get(r.changes().size() - 1);
      throw new PreDeleteHookException("application " + app.name() + ": PreDelete hook " + last.key() + " "
          + (r.status() == HookRunner.Status.RUNNING ? "still running at the deadline (delete again to wait for it)"
              : last.message())
          + ": nothing was deleted and the application stays registered");
    }
  }
}
