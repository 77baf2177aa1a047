package dev.driftless.apply;

import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cluster serves: per apiVersion and kind, the plural and whether it is namespaced. One discovery
 * request per group/version, cached for the life of this object (one operation, or one warm container per
 * cluster, as the owner decides), so a thousand objects of a kind cost one request, not a thousand.
 * Kinds defined by CRDs in the desired set but not yet served are answered from those CRDs.
 */
public final class ClusterDiscovery {

  private final KubernetesClient client;
  private final Map<String, Optional<APIResourceList>> byGroupVersion = new ConcurrentHashMap<>();
  private volatile String version;

  public ClusterDiscovery(KubernetesClient client) {
    this.client = client;
  }

  /** The served resource for apiVersion and kind, or empty when the server does not know it. */
  public Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
    Optional<APIResourceList> list = byGroupVersion.computeIfAbsent(apiVersion, this::discover);
    return list.flatMap(l -> l.getResources().stream()
        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
        .findFirst())
        .map(r -> context(apiVersion, kind, r));
  }

  /** The server's Kubernetes version (its gitVersion, as {@code v1.34.1}), asked once for the life of this object. */
  public String version() {
    String v = version;
    if (v == null) {
      v = client.getKubernetesVersion().getGitVersion();
      version = v;
    }
    return v;
  }

  /** Forgets what was learnt about a group/version, after CRDs were created. */
  public void forget(String apiVersion) {
    byGroupVersion.remove(apiVersion);
  }

  /** Resolves a kind, served or defined by one of the given CRDs; empty when neither. */
  public Optional<ResourceDefinitionContext> find(String apiVersion, String kind, Collection<DesiredObject> crds) {
    Optional<ResourceDefinitionContext> served = find(apiVersion, kind);
    if (served.isPresent()) {
      return served;
    }
    return definedBy(apiVersion, kind, crds);
  }

  /** The resource a CRD in the set would serve for apiVersion and kind. */
  public static Optional<ResourceDefinitionContext> definedBy(String apiVersion, String kind,
      Collection<DesiredObject> crds) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    for (DesiredObject d : crds) {
      if (!"CustomResourceDefinition".equals(d.key().kind())) continue;
      Map<String, Object> spec = props(d.object(), "spec");
      Map<String, Object> names = map(spec.get("names"));
      if (group.equals(spec.get("group")) && kind.equals(names.get("kind"))) {
        return Optional.of(new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
            .withKind(kind).withPlural(String.valueOf(names.get("plural")))
            .withNamespaced(!"Cluster".equals(spec.get("scope"))).build());
      }
    }
    return Optional.empty();
  }

  private Optional<APIResourceList> discover(String apiVersion) {
    try {
      return Optional.ofNullable(client.getApiResources(apiVersion));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static ResourceDefinitionContext context(String apiVersion, String kind, APIResource r) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(r.getName()).withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(GenericKubernetesResource r, String key) {
    return map(r.getAdditionalProperties().get(key));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
