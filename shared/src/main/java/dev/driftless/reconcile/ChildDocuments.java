package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Outcome;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A render split into the Application and AppProject documents an app of apps holds, which Driftless registers
 * (as Argo CD's controller would read them), and every other object, which it applies. Argo CD's
 * {@code argoproj.io} kinds and Driftless's own {@code driftless.dev} ones count; no cluster serves them here.
 */
record ChildDocuments(List<DesiredObject> children, List<DesiredObject> objects) {

  static final String APPLICATION = "Application";
  static final String PROJECT = "AppProject";
  private static final Set<String> GROUPS = Set.of("argoproj.io", "driftless.dev");

  static ChildDocuments split(List<DesiredObject> rendered) {
    List<DesiredObject> children = new ArrayList<>();
    List<DesiredObject> objects = new ArrayList<>();
    for (DesiredObject d : rendered) {
      (isChild(d) ? children : objects).add(d);
    }
    return new ChildDocuments(List.copyOf(children), List.copyOf(objects));
  }

  private static boolean isChild(DesiredObject d) {
    return isChild(d.key());
  }

  /** The child Applications a change set registered or updated. */
  static List<String> registered(ChangeSet changes) {
    return changes.changes().stream()
        .filter(c -> isChild(c.key()) && c.key().kind().equals(APPLICATION)
            && (c.action() == Action.CREATE || c.action() == Action.CONFIGURE) && c.outcome() == Outcome.APPLIED)
        .map(c -> c.key().name()).toList();
  }

  /** Whether the key is of an Application or AppProject document, never applied to a cluster. */
  static boolean isChild(ObjectKey key) {
    return GROUPS.contains(key.group()) && (key.kind().equals(APPLICATION) || key.kind().equals(PROJECT));
  }
}
