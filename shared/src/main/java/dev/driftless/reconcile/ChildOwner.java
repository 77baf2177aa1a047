package dev.driftless.reconcile;

import dev.driftless.appset.ApplicationSet;
import dev.driftless.model.Application;
import dev.driftless.state.ApplicationStore;

/**
 * What registers child Applications: an app of apps, or an ApplicationSet. {@code id} is recorded on each child;
 * {@code namespace} is where the parent's project judges the child documents as objects (null: not judged as
 * objects, an ApplicationSet's children are no rendered resources); {@code prune} whether children that are no
 * longer wanted go; {@code preserveResources} whether their objects stay when they do, whatever their finalizer;
 * {@code projects} whether it may register AppProjects.
 */
record ChildOwner(String id, String describe, String name, String project, String namespace, boolean prune,
    boolean preserveResources, boolean projects) {

  static ChildOwner of(Application parent) {
    return new ChildOwner(ApplicationStore.parentOwner(parent.name()), "application " + parent.name(), parent.name(),
        parent.project(), parent.destination().namespace(), parent.syncPolicy().prune(), false, true);
  }

  /** A set creates, updates and deletes its Applications as its generators say, as Argo CD's default policy does. */
  static ChildOwner of(ApplicationSet set) {
    return new ChildOwner(ApplicationStore.setOwner(set.name()), "applicationset " + set.name(), set.name(),
        set.project(), null, true, set.preserveResourcesOnDeletion(), false);
  }

  /** The same owner, letting every child go: its own deletion prunes them whatever its prune policy. */
  ChildOwner pruning() {
    return new ChildOwner(id, describe, name, project, namespace, true, preserveResources, projects);
  }
}
