package dev.driftless.apply;

import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** A cluster the engine applies to: a client and what it serves, discovered once. */
public record Cluster(String name, KubernetesClient client, ClusterDiscovery discovery) {

  public static Cluster of(String name, KubernetesClient client) {
    return new Cluster(name, client, new ClusterDiscovery(client));
  }

  /** The operations on one resource type, in a namespace when it is namespaced. */
  public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> ops(ResourceDefinitionContext ctx, String namespace) {
    var all = client.genericKubernetesResources(ctx);
    return ctx.isNamespaceScoped() ? all.inNamespace(namespace) : all;
  }

  /** The resource type an object of {@code key} is written at; refused like a request when it is not served. */
  ResourceDefinitionContext served(String apiVersion, ObjectKey key) {
    return discovery.find(apiVersion, key.kind()).orElseThrow(() -> new KubernetesClientException(key + ": "
        + apiVersion + " " + key.kind() + " is not served"));
  }
}
