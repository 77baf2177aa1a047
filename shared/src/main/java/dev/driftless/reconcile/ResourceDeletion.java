package dev.driftless.reconcile;

import dev.driftless.apply.Applier;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.health.HealthWaiter;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.SyncOptions;
import dev.driftless.state.LeaseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deletes every object an Application tracks, as Argo CD's resources finalizer does before the Application goes,
 * and the children it registered. It is the one deletion path, the engine's own prune: a plan with nothing desired,
 * applied with pruning on (so only objects whose tracking id names the Application go, {@code Prune=false} ones and
 * namespaces made by {@code CreateNamespace} stay, in reverse wave order), under the Application's lease so that
 * none of its own operations runs beside it. The inventory keeps what could not be deleted. {@link CascadeDelete}
 * holds the lease itself and calls {@link #deleteHeld}; a child leaving its parent's render goes through
 * {@link #delete}.
 */
final class ResourceDeletion {

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;
  private final Clock clock;
  private final PreDeleteHooks preDelete;

  ResourceDeletion(Reconciler.Parts parts, ReconcilerOptions options, Clock clock) {
    this.parts = parts;
    this.options = options;
    this.clock = clock;
    this.preDelete = new PreDeleteHooks(new OperationSource(parts.source()), new Preparation(parts, options), options,
        clock);
  }

  /**
   * Takes the Application's lease and deletes what it owns ({@link #deleteHeld}).
   *
   * @throws dev.driftless.state.ConflictException when an operation holds the lease
   */
  ChangeSet delete(Application app, Instant deadline) {
    LeaseStore.Lease lease = parts.leases().acquire(app.name(), "delete/" + UUID.randomUUID(),
        options.leasePeriod());
    try {
      return deleteHeld(app, deadline);
    } finally {
      parts.leases().release(lease);
    }
  }

  /**
   * Under the Application's lease, which the caller holds: first its PreDelete hooks, which must all succeed before
   * anything goes ({@link PreDeleteHooks}); then the child Applications and projects it registered
   * (an app of apps), each as a child leaving its render goes, its objects too when it carries the resources
   * finalizer, as Argo CD's cascade deletes a parent's Application resources; then its own objects. A failed change
   * means something remains (a child still registered, or an object the inventory still lists).
   *
   * @throws PreDeleteHookException when a PreDelete hook failed or still runs: nothing was deleted
   */
  ChangeSet deleteHeld(Application app, Instant deadline) {
    preDelete.run(app, deadline);
    ChildOwner owner = ChildOwner.of(app).pruning();
    List<Change> out = new ArrayList<>(new ChildRegistrar(parts, this)
        .apply(owner, new ChildPlanner(parts).plan(owner, null, null, List.of()), deadline));
    out.addAll(deleteObjects(app, deadline).changes());
    return new ChangeSet(out);
  }

  /** The changes of the prune; a failed one means objects remain (and the inventory still lists them). */
  private ChangeSet deleteObjects(Application app, Instant deadline) {
    Inventory inventory = parts.status().get(app.name()).inventory();
    if (inventory.isEmpty()) return new ChangeSet(List.of());
    try (ClusterClients.Use use = parts.clients().use(parts.clusters().get(app.destination().cluster())
        .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
            + app.destination().cluster() + " is not registered: its objects cannot be deleted")))) {
      Application pruning = pruningAll(app);
      Plan plan = new Planner(use.cluster(), options.apply()).plan(pruning, List.of(), inventory);
      HealthWaiter waiter = new HealthWaiter(use.cluster().client(), clock,
          HealthWaiter.Options.defaults().withPollInterval(options.healthPoll()).withAssessor(options.health()));
      Applier.Result r = new Applier(use.cluster(), options.apply(), waiter, Applier.StageGate.NONE,
          next -> parts.status().inventories().put(app.destination().cluster(), app.name(), next)).apply(plan, inventory, deadline);
      return r.changes();
    }
  }

  /** The Application as a prune of everything: pruning on, an empty render allowed, no namespace to create. */
  private static Application pruningAll(Application app) {
    Application.SyncPolicy p = app.syncPolicy();
    Map<SyncOptions.Flag, Boolean> flags = new HashMap<>(p.syncOptions().flags());
    flags.remove(SyncOptions.Flag.CREATE_NAMESPACE);
    Application.SyncPolicy policy = new Application.SyncPolicy(p.automated(), true, p.selfHeal(), true,
        new SyncOptions(flags, p.syncOptions().propagation()), p.retry());
    return new Application(app.name(), app.project(), app.source(), app.destination(), policy,
        app.ignoreDifferences());
  }
}
