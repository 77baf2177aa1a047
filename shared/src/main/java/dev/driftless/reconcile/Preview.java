package dev.driftless.reconcile;

import dev.driftless.apply.ChangeSet;
import dev.driftless.project.Violation;
import java.util.List;

/**
 * What a sync at a revision would do, for a pull-request plan: the changes of the objects the project permits
 * (secret values masked) and a violation for each object it refuses.
 */
public record Preview(ChangeSet changes, List<Violation> violations) {

  public Preview {
    violations = List.copyOf(violations);
  }
}
