package dev.driftless.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;

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
}
