package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.util.List;

/**
 * The value a plan produces: the change set (with the destination namespace when CreateNamespace=true creates
 * it) and the hooks to run around the sync (not part of the inventory).
 */
public record Plan(Application application, ChangeSet changes, List<DesiredObject> hooks) {

  public Plan {
    hooks = List.copyOf(hooks);
  }
}
