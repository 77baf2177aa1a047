package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * CreateNamespace=true: the destination namespace, when it does not exist yet or this Application created it,
 * becomes one of the Application's objects: applied with its tracking id, recorded in the inventory, and
 * marked Prune=false, because, as in Argo CD, a namespace created this way is never deleted with the
 * Application (it may hold what others put there). A namespace that exists and is not this Application's
 * (made by hand, or by another Application sharing the destination) is used as it is: not adopted, not
 * changed, never pruned by this Application.
 */
final class NamespaceCreation {

  static final String ORIGIN = "syncOptions CreateNamespace=true";

  private final Cluster cluster;

  NamespaceCreation(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The namespace to apply, or empty when the namespace exists and is someone else's. */
  Optional<DesiredObject> desired(Application app, String namespace) {
    GenericKubernetesResource live;
    try {
      live = cluster.client().genericKubernetesResources("v1", "Namespace").withName(namespace).get();
    } catch (KubernetesClientException e) {
      throw new PlanException("Namespace " + namespace + " (" + ORIGIN + "): cannot read it: " + KubeObjects.reason(e));
    }
    if (live != null) {
      ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(live, Annotations.TRACKING_ID));
      if (owner == null || !owner.application().equals(app.name())) {
        return Optional.empty();
      }
    }
    GenericKubernetesResource ns = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Namespace")
        .withNewMetadata().withName(namespace).addToAnnotations(Annotations.SYNC_OPTIONS, "Prune=false")
        .endMetadata().build();
    return Optional.of(DesiredObject.of(ns, ORIGIN));
  }
}
