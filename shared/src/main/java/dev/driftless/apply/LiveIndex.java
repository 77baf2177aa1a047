package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live resourceVersions of desired objects, read with one list request per kind and namespace, for the
 * plan's fast path, and to know which objects do not exist yet (a first sync then needs no GET per object:
 * one list per kind and namespace instead). Only kinds and namespaces holding desired objects are listed.
 */
final class LiveIndex {

  /**
   * An object as its kind's list shows it: resourceVersion, owning application, and Driftless's Apply entry
   * in managedFields, whose digest is taken only when asked (when the resourceVersion alone does not decide).
   */
  record Seen(String resourceVersion, String trackedBy, ManagedFieldsEntry applied) {
    String owned() {
      return OwnedFields.digest(applied);
    }
  }

  private final Cluster cluster;
  private final boolean enabled;
  private final String fieldManager;
  private final Map<String, Map<String, Seen>> groups = new ConcurrentHashMap<>();

  LiveIndex(Cluster cluster, boolean enabled, String fieldManager) {
    this.cluster = cluster;
    this.enabled = enabled;
    this.fieldManager = fieldManager;
  }

  Optional<Seen> lookup(ResourceDefinitionContext ctx, ObjectKey key, Inventory.Entry recorded) {
    if (!enabled || recorded == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName(ctx, key).get(key.name()));
  }

  /**
   * True when the list of the object's kind and namespace does not hold it: the plan can treat it as absent
   * without a GET. False when it is there, or when the index is off or the list was refused (then GET).
   */
  boolean knownAbsent(ResourceDefinitionContext ctx, ObjectKey key) {
    if (!enabled) {
      return false;
    }
    try {
      return !byName(ctx, key).containsKey(key.name());
    } catch (KubernetesClientException e) {
      return false; // e.g. no list permission: the plan falls back to a GET per object
    }
  }

  private Map<String, Seen> byName(ResourceDefinitionContext ctx, ObjectKey key) {
    String group = ctx.getGroup() + "/" + ctx.getVersion() + "/" + ctx.getPlural() + "/" + key.namespace();
    return groups.computeIfAbsent(group, g -> list(ctx, key.namespace()));
  }

  private Map<String, Seen> list(ResourceDefinitionContext ctx, String namespace) {
    Map<String, Seen> out = new HashMap<>();
    for (GenericKubernetesResource r : cluster.ops(ctx, namespace).list().getItems()) {
      ObjectKey.TrackedBy t = ObjectKey.parseTrackingId(KubeObjects.annotation(r, Annotations.TRACKING_ID));
      out.put(r.getMetadata().getName(), new Seen(r.getMetadata().getResourceVersion(),
          t == null ? null : t.application(), OwnedFields.entry(r, fieldManager)));
    }
    return out;
  }
}
