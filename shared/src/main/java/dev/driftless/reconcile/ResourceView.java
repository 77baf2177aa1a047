package dev.driftless.reconcile;

import dev.driftless.apply.ChangeSet;
import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.OperationOptions;
import dev.driftless.project.ProjectRules;
import dev.driftless.reconcile.Preparation.Prepared;
import dev.driftless.state.ApplicationStore;
import java.time.Clock;
import java.util.List;

/**
 * Each object of an Application as a diff at its targetRevision plans it, with its health read once, now
 * ({@code app resources}: which object holds health back, and why). Records nothing, takes no lease; resolved secret
 * values are masked in every message, as in a diff.
 */
public final class ResourceView {

  private final Reconciler.Parts parts;
  private final Preparation preparation;
  private final OperationSource sources;
  private final ReconcilerOptions options;
  private final Clock clock;

  ResourceView(Reconciler.Parts parts, OperationSource sources, Preparation preparation, ReconcilerOptions options,
      Clock clock) {
    this.parts = parts;
    this.sources = sources;
    this.preparation = preparation;
    this.options = options;
    this.clock = clock;
  }

  public List<ResourceState> list(String application) {
    Application app = parts.applications().get(application).map(ApplicationStore.Stored::application)
        .orElseThrow(() -> new DriftlessException("application " + application + " is not registered"));
    ProjectRules rules = preparation.admit(app);
    try (Prepared prepared = preparation.prepare(app, rules, sources.fetchAll(app),
        parts.status().get(app.name()).inventory(), OperationOptions.NONE, false)) {
      ChangeSet plan = prepared.plan().changes();
      List<ObjectRef> refs = plan.changes().stream().map(c -> new ObjectRef(c.apiVersion(), c.key())).toList();
      HealthReport health = new HealthWaiter(prepared.cluster().client(), clock,
          HealthWaiter.Options.defaults().withAssessor(options.health())).await(refs, clock.instant());
      return ResourceState.of(plan, health, prepared.redaction());
    }
  }
}
