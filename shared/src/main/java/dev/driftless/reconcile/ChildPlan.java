package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import java.util.List;

/**
 * What an app of apps would change in the registrations it owns: each child Application or AppProject its render
 * holds (create, configure, unchanged) and each it registered before that left the render (prune). The changes
 * join the parent's change set, so its status, history and diff count its children as Argo CD counts child
 * Application resources.
 */
record ChildPlan(List<Child> children) {

  /**
   * One child: its kind ({@link ChildDocuments#APPLICATION} or {@link ChildDocuments#PROJECT}), name, the document
   * to register (null for a prune), the stored version the write expects (0: none), and for a prune whether its
   * resources go with it (Argo CD's resources finalizer).
   */
  record Child(String kind, String name, String document, long version, boolean cascade, Change change) {
    Action action() {
      return change.action();
    }
  }

  ChildPlan {
    children = List.copyOf(children);
  }

  List<Change> changes() {
    return children.stream().map(Child::change).toList();
  }

  boolean inSync() {
    return children.stream().noneMatch(c -> c.action().isDrift());
  }
}
