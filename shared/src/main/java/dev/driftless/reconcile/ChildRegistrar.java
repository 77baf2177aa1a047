package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Outcome;
import dev.driftless.model.DriftlessException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Registers what a {@link ChildPlan} says, once the parent's own objects are applied: projects before the
 * Applications that may name them, each write conditioned on the version the plan read (so a registration made
 * since is never overwritten); then prunes, Applications before projects. A pruned child with Argo CD's resources
 * finalizer has its objects deleted first ({@link ResourceDeletion}) and keeps its registration while any remain;
 * without it, only the registration goes. A project still named by Applications it does not own stays.
 */
final class ChildRegistrar {

  private final Reconciler.Parts parts;
  private final ResourceDeletion deletion;

  ChildRegistrar(Reconciler.Parts parts, ResourceDeletion deletion) {
    this.parts = parts;
    this.deletion = deletion;
  }

  List<Change> apply(ChildOwner parent, ChildPlan plan, Instant deadline) {
    String owner = parent.id();
    List<ChildPlan.Child> ordered = new ArrayList<>(plan.children());
    ordered.sort(Comparator.comparingInt(ChildRegistrar::order));
    List<Change> out = new ArrayList<>();
    for (ChildPlan.Child c : ordered) {
      out.add(switch (c.action()) {
        case CREATE, CONFIGURE -> register(parent, owner, c);
        case PRUNE -> parent.prune() ? prune(owner, c, deadline)
            : c.change().with(Outcome.SKIPPED, c.change().message(), null);
        default -> c.change().with(Outcome.UNCHANGED, null, null);
      });
    }
    return out;
  }

  /** Projects are registered first and pruned last; Applications in between. */
  private static int order(ChildPlan.Child c) {
    boolean project = c.kind().equals(ChildDocuments.PROJECT);
    if (c.action() == Action.PRUNE) return project ? 3 : 2;
    return project ? 0 : 1;
  }

  private Change register(ChildOwner parent, String owner, ChildPlan.Child c) {
    String origin = parent.describe() + ": child " + c.kind() + " " + c.name();
    try {
      if (c.kind().equals(ChildDocuments.PROJECT)) {
        parts.projects().store().put(c.document(), origin, c.version(), owner);
      } else {
        parts.applications().put(c.document(), origin, c.version(), owner);
      }
      return c.change().with(Outcome.APPLIED, c.action() == Action.CREATE ? "registered" : "updated", null);
    } catch (ConflictException e) {
      return c.change().with(Outcome.FAILED, "not registered: it changed since the plan (" + e.getMessage() + ")",
          null);
    }
  }

  private Change prune(String owner, ChildPlan.Child c, Instant deadline) {
    if (c.kind().equals(ChildDocuments.PROJECT)) return pruneProject(owner, c);
    Optional<ApplicationStore.Stored> stored = parts.applications().get(c.name());
    if (stored.isEmpty()) return c.change().with(Outcome.RELEASED, "already gone", null);
    if (!owner.equals(stored.get().owner())) {
      return c.change().with(Outcome.RELEASED, "no longer registered by this application: left alone", null);
    }
    if (c.cascade()) {
      try {
        ChangeSet deleted = deletion.delete(stored.get().application(), deadline);
        if (deleted.failed()) {
          return c.change().with(Outcome.FAILED, "kept until its resources are gone; not deleted: "
              + deleted.failures().stream().map(Change::toString).limit(5).toList(), null);
        }
      } catch (DriftlessException e) {
        return c.change().with(Outcome.FAILED, "kept: its resources could not be deleted: " + e.getMessage(), null);
      }
    }
    parts.applications().delete(c.name());
    return c.change().with(Outcome.PRUNED, c.change().message(), null);
  }

  private Change pruneProject(String owner, ChildPlan.Child c) {
    var stored = parts.projects().store().get(c.name());
    if (stored.isEmpty()) return c.change().with(Outcome.RELEASED, "already gone", null);
    if (!owner.equals(stored.get().owner())) {
      return c.change().with(Outcome.RELEASED, "no longer registered by this application: left alone", null);
    }
    List<String> users = parts.applications().byProject(c.name(), 5);
    if (!users.isEmpty()) {
      return c.change().with(Outcome.FAILED, "kept: Applications still name it: " + users, null);
    }
    parts.projects().store().delete(c.name());
    return c.change().with(Outcome.PRUNED, "unregistered", null);
  }
}
