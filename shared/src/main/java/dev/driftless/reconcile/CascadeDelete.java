package dev.driftless.reconcile;

import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import dev.driftless.state.LeaseStore;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Removes an Application with its objects ({@code app delete --cascade}): under the Application's lease, so no sync
 * writes beside it, deletes its children and objects through {@link ResourceDeletion}, and only when nothing failed
 * removes the registration. A failed delete keeps the registration, so that deleting again finishes the job; the
 * message names what remains.
 */
public final class CascadeDelete {

  /** Every child's and object's outcome, and the inventory left (objects kept, as Prune=false ones). */
  public record Result(ChangeSet changes, Inventory left) {}

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;
  private final ResourceDeletion deletion;

  CascadeDelete(Reconciler.Parts parts, ReconcilerOptions options, ResourceDeletion deletion) {
    this.parts = parts;
    this.options = options;
    this.deletion = deletion;
  }

  /**
   * Deletes {@code application}'s children and objects and then its registration; {@code deadline} bounds the waits.
   *
   * @throws ConflictException when an operation holds the Application's lease
   * @throws DriftlessException when a delete failed (the registration is kept)
   */
  public Result delete(String application, Instant deadline) {
    Application app = parts.applications().get(application).map(ApplicationStore.Stored::application)
        .orElseThrow(() -> new DriftlessException("application " + application + " is not registered"));
    LeaseStore.Lease lease = parts.leases().acquire(app.name(), "delete/" + UUID.randomUUID(), options.leasePeriod());
    try {
      ChangeSet changes = deletion.deleteHeld(app, deadline);
      if (changes.failed()) {
        throw new DriftlessException("application " + app.name() + ": " + changes.failures().size()
            + " object(s) could not be deleted, so it stays registered (delete it again to retry): "
            + changes.failures().stream().limit(5).map(CascadeDelete::describe).collect(Collectors.joining("; ")));
      }
      parts.applications().delete(app.name());
      return new Result(changes, parts.status().get(app.name()).inventory());
    } finally {
      parts.leases().release(lease);
    }
  }

  private static String describe(Change c) {
    return c.key() + ": " + c.message();
  }
}
