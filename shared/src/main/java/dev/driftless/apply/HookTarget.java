package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A hook made ready to run, and the rule that says what it may replace. A hook goes to the destination
 * namespace when it is namespaced and names none, and carries this Application's tracking id like every
 * object the Application writes, so other Applications' ownership checks see it as this one's. Its hook
 * annotation, kept on the live object, tells it apart from the Application's regular objects. Hooks are not
 * in the inventory: they are never pruned.
 */
record HookTarget(DesiredObject hook, Optional<ResourceDefinitionContext> ctx) {

  static HookTarget of(Cluster cluster, Application app, DesiredObject hook) {
    return of(cluster, app, hook, null, null);
  }

  /**
   * The hook as it runs in {@code phase} of operation {@code operationId}. A hook named by generateName gets its
   * name here, as Argo CD names it: the prefix, then the operation and the phase ({@code migrate-1a2b3c4d-presync}),
   * so that the operation's continuation finds the hook it started instead of starting a second one; the prefix is
   * kept in an annotation, to find this Application's earlier hooks made from it.
   */
  static HookTarget of(Cluster cluster, Application app, DesiredObject hook, String operationId, Hooks.Phase phase) {
    GenericKubernetesResource obj = KubeObjects.copy(hook.object());
    if (Hooks.generatesName(obj)) {
      String prefix = obj.getMetadata().getGenerateName();
      obj.getMetadata().setName(prefix + shortId(operationId) + "-"
          + phase.name().replace("_", "").toLowerCase(Locale.ROOT));
      obj.getMetadata().setGenerateName(null);
      Map<String, String> ann = new LinkedHashMap<>(obj.getMetadata().getAnnotations());
      ann.put(Annotations.HOOK_GENERATE_NAME, prefix);
      obj.getMetadata().setAnnotations(ann);
    }
    Optional<ResourceDefinitionContext> ctx = cluster.discovery().find(obj.getApiVersion(), obj.getKind());
    boolean namespaced = ctx.map(ResourceDefinitionContext::isNamespaceScoped).orElse(true);
    if (namespaced && (obj.getMetadata().getNamespace() == null || obj.getMetadata().getNamespace().isEmpty())) {
      obj.getMetadata().setNamespace(app.destination().namespace());
    }
    if (!namespaced) {
      obj.getMetadata().setNamespace(null);
    }
    ObjectKey key = new ObjectKey(hook.key().group(), hook.key().kind(), obj.getMetadata().getNamespace(),
        obj.getMetadata().getName());
    Map<String, String> ann = new LinkedHashMap<>(obj.getMetadata().getAnnotations());
    ann.put(Annotations.TRACKING_ID, key.trackingId(app.name()));
    obj.getMetadata().setAnnotations(ann);
    return new HookTarget(new DesiredObject(key, obj, hook.origin(), hook.digest()), ctx);
  }

  /** The operation id's first eight letters and digits: enough to tell an Application's operations apart. */
  private static String shortId(String operationId) {
    String id = operationId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    return id.substring(0, Math.min(8, id.length()));
  }

  ObjectKey key() {
    return hook.key();
  }

  /**
   * Refuses, before anything is deleted or written, unless the live object under the hook's name is absent
   * or this Application's own earlier hook: tracked by this Application and still marked as a hook. A hook
   * left by a Driftless version that did not track hooks (the hook-operation annotation, no tracking id) is
   * replaced too, so that upgrading does not fail every Application with a lingering hook.
   */
  void checkReplaceable(Application app, GenericKubernetesResource live) {
    if (live == null) return;
    ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(live, Annotations.TRACKING_ID));
    boolean hookMarked = Hooks.isHook(live);
    if (owner == null) {
      if (hookMarked && KubeObjects.annotation(live, HookRunner.OPERATION) != null) return;
      throw refused("it exists and is not a Driftless hook (no tracking id)");
    }
    if (!owner.application().equals(app.name())) {
      throw refused("it is tracked by application " + owner.application());
    }
    if (!owner.key().equals(key())) {
      throw refused("its tracking id names another object (" + owner.key() + ")");
    }
    if (!hookMarked) {
      throw refused("it is one of application " + app.name() + "'s own objects, not a hook");
    }
  }

  private HookRefusedException refused(String why) {
    return new HookRefusedException(hook + ": hook refused: " + why + "; nothing was deleted or replaced");
  }
}
