package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans pruning: the previous inventory minus the desired set, and only objects whose tracking annotation
 * names this Application. Objects marked Prune=false, Delete=false or {@code helm.sh/resource-policy: keep}, or
 * left while the Application does not prune, are skipped and stay in the inventory (those left with the
 * IgnoreExtraneous compare option do not count as out of sync); objects already gone or no longer ours are
 * released from it.
 */
final class PrunePlanner {

  private final Cluster cluster;
  private final Application app;

  PrunePlanner(Cluster cluster, Application app) {
    this.cluster = cluster;
    this.app = app;
  }

  List<Change> plan(Inventory previous, Set<ObjectKey> desired) {
    List<Change> out = new ArrayList<>();
    for (Map.Entry<ObjectKey, Inventory.Entry> e : previous.entries().entrySet()) {
      ObjectKey key = e.getKey();
      if (desired.contains(key)) continue;
      Inventory.Entry entry = e.getValue();
      GenericKubernetesResource live;
      try {
        Optional<ResourceDefinitionContext> ctx = cluster.discovery().find(entry.apiVersion(), key.kind());
        live = ctx.map(c -> cluster.ops(c, key.namespace()).withName(key.name()).get()).orElse(null);
      } catch (KubernetesClientException ex) {
        throw new PlanException(key + ": cannot read it to decide on pruning: " + KubeObjects.reason(ex));
      }
      if (live == null) {
        out.add(change(key, entry, Action.PRUNE, live).with(Outcome.RELEASED, "already gone", null));
        continue;
      }
      ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(live, Annotations.TRACKING_ID));
      if (owner == null || !owner.application().equals(app.name()) || !owner.key().equals(key)) {
        out.add(change(key, entry, Action.SKIP, live).with(Outcome.RELEASED,
            "not pruned: its tracking annotation does not name this application", null));
      } else if (KubeObjects.syncOptions(live, SyncOptions.NONE).pruneDisabled()) {
        out.add(change(key, entry, Action.SKIP, live).with(Outcome.PLANNED, "not pruned: Prune=false", null));
      } else if (KubeObjects.syncOptions(live, SyncOptions.NONE).deleteDisabled()) {
        out.add(change(key, entry, Action.SKIP, live).with(Outcome.PLANNED, "not pruned: Delete=false", null));
      } else if ("keep".equals(KubeObjects.annotation(live, Annotations.HELM_RESOURCE_POLICY))) {
        out.add(change(key, entry, Action.SKIP, live).with(Outcome.PLANNED,
            "not pruned: " + Annotations.HELM_RESOURCE_POLICY + ": keep", null));
      } else if (!app.syncPolicy().prune() && KubeObjects.ignoresExtraneous(live)) {
        out.add(change(key, entry, Action.SKIP, live).with(Outcome.PLANNED,
            "not pruned (the application does not prune automatically); IgnoreExtraneous: not out of sync", null));
      } else if (!app.syncPolicy().prune()) {
        out.add(change(key, entry, Action.PRUNE, live).with(Outcome.PLANNED,
            "requires pruning (the application does not prune automatically)", null));
      } else {
        out.add(change(key, entry, Action.PRUNE, live));
      }
    }
    return out;
  }

  private static Change change(ObjectKey key, Inventory.Entry entry, Action action, GenericKubernetesResource live) {
    DesiredObject ref = live == null ? null : new DesiredObject(key, live, "cluster", entry.digest());
    String rv = live == null ? null : live.getMetadata().getResourceVersion();
    return new Change(key, entry.apiVersion(), action, Outcome.PLANNED, "", null, entry.digest(), rv,
        entry.owned(), live == null ? entry.wave() : SyncOrder.wave(live, key), false, ref);
  }
}
