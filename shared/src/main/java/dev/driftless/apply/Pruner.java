package dev.driftless.apply;

import dev.driftless.health.Unreachable;
import dev.driftless.model.Application;
import dev.driftless.model.SyncOptions;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deletes what a plan prunes ({@link PrunePlanner} decided which), after the apply: PruneLast objects last,
 * otherwise in the reverse of the apply order, each with its PrunePropagationPolicy. Nothing is deleted when
 * the apply failed or stopped at a wave still progressing, nor when the Application does not prune; such
 * prunes come back skipped, saying why, and stay in the inventory. A prune does not wait for the object to go.
 */
final class Pruner {

  private final Cluster cluster;
  private final Deletion deletion;

  Pruner(Cluster cluster, Deletion deletion) {
    this.cluster = cluster;
    this.deletion = deletion;
  }

  /**
   * The planned prunes with their outcomes. {@code heldBack} says why none may be deleted now (the apply failed,
   * or waits for a wave), or is null.
   */
  List<Change> prune(Application app, List<Change> prunes, String heldBack) {
    SyncOptions appOptions = app.syncPolicy().syncOptions();
    List<Change> order = new ArrayList<>(prunes);
    order.sort(Comparator.comparing((Change c) -> options(c, appOptions).pruneLast()).thenComparing(SyncOrder.PRUNE));
    List<Change> done = new ArrayList<>();
    for (Change c : order) {
      if (c.outcome() != Outcome.PLANNED) {
        done.add(c);
      } else if (heldBack != null) {
        done.add(c.with(Outcome.SKIPPED, heldBack, c.resourceVersion()));
      } else if (!app.syncPolicy().prune()) {
        done.add(c.with(Outcome.SKIPPED, c.message() == null ? "requires pruning" : c.message(), c.resourceVersion()));
      } else {
        done.add(delete(c, options(c, appOptions)));
      }
    }
    return done;
  }

  private static SyncOptions options(Change c, SyncOptions appOptions) {
    return c.desired() != null ? KubeObjects.syncOptions(c.desired().object(), appOptions) : appOptions;
  }

  private Change delete(Change c, SyncOptions opts) {
    DeletionPropagation propagation = switch (opts.prunePropagation()) {
      case BACKGROUND -> DeletionPropagation.BACKGROUND;
      case ORPHAN -> DeletionPropagation.ORPHAN;
      case FOREGROUND -> DeletionPropagation.FOREGROUND;
    };
    try {
      deletion.delete(cluster.served(c.apiVersion(), c.key()), c.key(), propagation);
      return c.with(Outcome.PRUNED, null, null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return c.with(Outcome.PRUNED, "already gone", null);
      if (Unreachable.is(e)) return c.with(Outcome.FAILED, Unreachable.describe(e), c.resourceVersion());
      return c.with(Outcome.FAILED, "delete failed: " + KubeObjects.reason(e), c.resourceVersion());
    }
  }
}
