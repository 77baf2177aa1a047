package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.util.List;

/**
 * The value a plan produces: the change set, the hooks to run around the sync (not part of the inventory),
 * and the namespace to create first when CreateNamespace=true asks for it (null otherwise).
 */
public record Plan(Application application, ChangeSet changes, List<DesiredObject> hooks, String createNamespace) {

  public Plan {
    hooks = List.copyOf(hooks);
  }
}
