package dev.driftless.apply;

import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live resourceVersions of recorded objects, read with one list request per kind and namespace, for the
 * plan's fast path. Only groups holding at least one recorded object are listed.
 */
final class LiveIndex {

  record Seen(String resourceVersion, String trackedBy) {}

  private final Cluster cluster;
  private final boolean enabled;
  private final Map<String, Map<String, Seen>> groups = new ConcurrentHashMap<>();

  LiveIndex(Cluster cluster, Inventory previous, boolean enabled) {
    this.cluster = cluster;
    this.enabled = enabled && !previous.isEmpty();
  }

  Optional<Seen> lookup(ResourceDefinitionContext ctx, ObjectKey key, Inventory.Entry recorded) {
    if (!enabled || recorded == null) {
      return Optional.empty();
    }
    String group = ctx.getGroup() + "/" + ctx.getVersion() + "/" + ctx.getPlural() + "/" + key.namespace();
    Map<String, Seen> byName = groups.computeIfAbsent(group, g -> list(ctx, key.namespace()));
    return Optional.ofNullable(byName.get(key.name()));
  }

  private Map<String, Seen> list(ResourceDefinitionContext ctx, String namespace) {
    Map<String, Seen> out = new HashMap<>();
    for (GenericKubernetesResource r : cluster.ops(ctx, namespace).list().getItems()) {
      ObjectKey.TrackedBy t = ObjectKey.parseTrackingId(Planner.annotation(r, Annotations.TRACKING_ID));
      out.put(r.getMetadata().getName(), new Seen(r.getMetadata().getResourceVersion(),
          t == null ? null : t.application()));
    }
    return out;
  }
}
