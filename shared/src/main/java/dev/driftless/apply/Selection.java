package dev.driftless.apply;

import dev.driftless.model.OperationOptions;
import dev.driftless.model.ResourceSelector;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan of a selective sync ({@code app sync --resource}): the objects named keep their actions; every other
 * object that would be created, configured or pruned is skipped (its inventory entry, if any, kept as it was), and
 * no hook runs, as in Argo CD. A name that matches no object of the plan fails it: a typo must not sync nothing.
 */
public final class Selection {

  static final String NOT_SELECTED = "not selected for this sync";

  private Selection() {}

  /** Whether a selective sync left out an object that differs from Git: the Application is not in sync after it. */
  public static boolean leftOutDrift(ChangeSet changes) {
    return changes.changes().stream().anyMatch(c -> c.action() == Action.SKIP && NOT_SELECTED.equals(c.message()));
  }

  public static Plan of(Plan plan, OperationOptions options) {
    if (options.selectsAll()) return plan;
    List<ResourceSelector> unmatched = options.resources().stream()
        .filter(r -> plan.changes().changes().stream().noneMatch(c -> r.matches(c.key()))).toList();
    if (!unmatched.isEmpty()) {
      throw new PlanException(plan.application().name() + ": " + unmatched.stream().map(ResourceSelector::toString)
          .collect(Collectors.joining(", ")) + (unmatched.size() == 1 ? " names" : " name")
          + " no object of the application (GROUP:KIND:[NAMESPACE/]NAME, the group empty for the core group)");
    }
    List<Change> changes = plan.changes().changes().stream()
        .map(c -> options.selects(c.key()) || !c.action().writes() ? c : notSelected(c)).toList();
    return new Plan(plan.application(), new ChangeSet(changes), List.of());
  }

  private static Change notSelected(Change c) {
    return new Change(c.key(), c.apiVersion(), Action.SKIP, Outcome.PLANNED, c.diff(), NOT_SELECTED,
        c.digest(), c.resourceVersion(), c.owned(), c.wave(), false, c.desired());
  }
}
