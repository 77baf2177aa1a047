package dev.driftless.reconcile;

import dev.driftless.apply.Teardown;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.LeaseStore;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Removes an Application with its objects ({@code app delete --cascade}): under the Application's lease, so no sync
 * writes beside it, deletes what its inventory lists ({@link Teardown}), stores the inventory left, and only when no
 * delete failed removes the registration. A failed delete keeps the registration, so that deleting again finishes
 * the job; the message names the objects.
 */
public final class CascadeDelete {

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;

  CascadeDelete(Reconciler.Parts parts, ReconcilerOptions options) {
    this.parts = parts;
    this.options = options;
  }

  /**
   * Deletes {@code application}'s objects and then its registration; the outcome of every object.
   *
   * @throws ConflictException when an operation holds the Application's lease
   * @throws DriftlessException when a delete failed (the registration is kept)
   */
  public Teardown.Result delete(String application) {
    Application app = parts.applications().get(application).map(ApplicationStore.Stored::application)
        .orElseThrow(() -> new DriftlessException("application " + application + " is not registered"));
    LeaseStore.Lease lease = parts.leases().acquire(app.name(), "delete/" + UUID.randomUUID(), options.leasePeriod());
    try {
      Inventory inventory = parts.status().get(app.name()).inventory();
      Teardown.Result r;
      try (ClusterClients.Use use = parts.clients().use(parts.clusters().get(app.destination().cluster())
          .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
              + app.destination().cluster() + " is not registered: its objects cannot be deleted")))) {
        r = new Teardown(use.cluster()).delete(app, inventory);
      }
      if (!r.left().equals(inventory)) parts.status().inventories().put(app.destination().cluster(), app.name(), r.left());
      if (r.changes().failed()) {
        throw new DriftlessException("application " + app.name() + ": " + r.changes().failures().size()
            + " object(s) could not be deleted, so it stays registered (delete it again to retry): "
            + r.changes().failures().stream().limit(5).map(c -> c.key() + ": " + c.message())
                .collect(Collectors.joining("; ")));
      }
      parts.applications().delete(app.name());
      return r;
    } finally {
      parts.leases().release(lease);
    }
  }
}
