package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A desired object made ready to plan and apply: its resource type (served, or defined by a CRD of the same
 * sync), its namespace defaulted to the destination's, its tracking annotation set, and with
 * RespectIgnoreDifferences=true its ignored fields left out.
 */
record Target(DesiredObject desired, ResourceDefinitionContext ctx, boolean served, int wave) {

  static Target prepare(Cluster cluster, Application app, DesiredObject d, List<DesiredObject> crds) {
    Optional<ResourceDefinitionContext> served = cluster.discovery().find(d.apiVersion(), d.key().kind());
    Optional<ResourceDefinitionContext> ctx = served.isPresent() ? served
        : ClusterDiscovery.definedBy(d.apiVersion(), d.key().kind(), crds);
    if (ctx.isEmpty()) {
      throw new PlanException(d + ": the server does not serve " + d.apiVersion() + " " + d.key().kind()
          + " and no CustomResourceDefinition in this application defines it");
    }
    GenericKubernetesResource obj = KubeObjects.copy(d.object());
    ObjectMeta meta = obj.getMetadata();
    if (ctx.get().isNamespaceScoped()) {
      if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
        if (app.destination().namespace().isEmpty()) {
          throw new PlanException(d + ": namespaced object without a namespace, and the application's "
              + "destination names none");
        }
        meta.setNamespace(app.destination().namespace());
      }
    } else {
      meta.setNamespace(null);
    }
    ObjectKey key = new ObjectKey(d.key().group(), d.key().kind(), meta.getNamespace(), meta.getName());
    Map<String, String> ann = meta.getAnnotations() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(meta.getAnnotations());
    ann.put(Annotations.TRACKING_ID, key.trackingId(app.name()));
    meta.setAnnotations(ann);
    if (app.syncPolicy().syncOptions().respectIgnoreDifferences()) {
      obj = withoutIgnoredFields(app, key, obj);
    }
    DesiredObject prepared = new DesiredObject(key, obj, d.origin(), d.digest());
    return new Target(prepared, ctx.get(), served.isPresent(), SyncOrder.wave(obj, key));
  }

  /** RespectIgnoreDifferences=true: ignored JSON pointers are not applied, so Git does not reset them. */
  private static GenericKubernetesResource withoutIgnoredFields(Application app, ObjectKey key,
      GenericKubernetesResource obj) {
    Map<String, Object> tree = Normalizer.toTree(obj);
    for (Application.IgnoreDifference ig : app.ignoreDifferences()) {
      if (ig.matches(key)) ig.jsonPointers().forEach(p -> Normalizer.removePointer(tree, p));
    }
    return Serialization.unmarshal(Serialization.asJson(tree), GenericKubernetesResource.class);
  }
}
