package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.OperationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deletes the objects of an Application deleted with cascade, as Argo CD's finalizer does: what a prune of a render
 * with no objects would delete, whatever the Application's prune policy, in the prune's order and with its
 * propagation policy. Objects marked Prune=false (the namespace CreateNamespace=true made among them) and objects
 * whose tracking annotation no longer names the Application stay. Nothing waits for an object to go.
 */
public final class Teardown {

  /** Every object's outcome, and the inventory left: the objects kept, and those whose delete failed. */
  public record Result(ChangeSet changes, Inventory left) {}

  private final Cluster cluster;

  public Teardown(Cluster cluster) {
    this.cluster = cluster;
  }

  public Result delete(Application app, Inventory inventory) {
    Application pruning = new OperationOptions(true, false, List.of()).over(app);
    List<Change> planned = new PrunePlanner(cluster, pruning).plan(inventory, Set.of());
    List<Change> done = new ArrayList<>(planned.stream().filter(c -> c.action() != Action.PRUNE).toList());
    done.addAll(new Pruner(cluster, new Deletion(cluster, null)).prune(pruning,
        planned.stream().filter(c -> c.action() == Action.PRUNE).toList(), null));
    done.sort(SyncOrder.PRUNE);
    return new Result(new ChangeSet(done), InventoryChanges.after(inventory, done));
  }
}
