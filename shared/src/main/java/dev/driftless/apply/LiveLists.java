package dev.driftless.apply;

import dev.driftless.health.Unreachable;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live objects of one cluster as a scan sees them: each kind and namespace that some scanned inventory tracks
 * is listed once, when first asked (a cluster-scoped kind once for the cluster), and every Application's objects
 * are looked up in those lists. No GET per object, no list of a kind nobody tracks.
 */
public final class LiveLists {

  /** What a lookup found: the live object, nothing (it is missing), or why its kind could not be listed. */
  public record Lookup(GenericKubernetesResource live, String problem) {
    static Lookup absent() {
      return new Lookup(null, null);
    }

    public boolean known() {
      return problem == null;
    }
  }

  /** The cluster's API server could not be reached: nothing can be said of any object on it. */
  public static final class UnreachableException extends RuntimeException {
    UnreachableException(String message) {
      super(message);
    }
  }

  private record Listed(Map<String, GenericKubernetesResource> byName, String problem) {}

  private final Cluster cluster;
  private final Map<String, Listed> lists = new HashMap<>();
  private int requests;

  public LiveLists(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * The live object of {@code key}, read at {@code apiVersion}, from its kind's list in its namespace.
   *
   * @throws UnreachableException when the list request did not reach the API server
   */
  public Lookup find(String apiVersion, ObjectKey key) {
    Optional<ResourceDefinitionContext> ctx = cluster.discovery().find(apiVersion, key.kind());
    if (ctx.isEmpty()) return new Lookup(null, apiVersion + " " + key.kind() + " is not served");
    String namespace = ctx.get().isNamespaceScoped() ? key.namespace() : "";
    String id = ctx.get().getGroup() + "/" + ctx.get().getVersion() + "/" + ctx.get().getPlural() + "/" + namespace;
    Listed listed = lists.computeIfAbsent(id, k -> list(ctx.get(), namespace));
    if (listed.problem() != null) return new Lookup(null, listed.problem());
    GenericKubernetesResource live = listed.byName().get(key.name());
    return live == null ? Lookup.absent() : new Lookup(live, null);
  }

  /** How many list requests this scan made. */
  public int requests() {
    return requests;
  }

  private Listed list(ResourceDefinitionContext ctx, String namespace) {
    requests++;
    try {
      Map<String, GenericKubernetesResource> byName = new HashMap<>();
      for (GenericKubernetesResource r : cluster.ops(ctx, namespace).list().getItems()) {
        byName.put(r.getMetadata().getName(), r);
      }
      return new Listed(byName, null);
    } catch (KubernetesClientException e) {
      if (Unreachable.is(e)) throw new UnreachableException(Unreachable.describe(e));
      return new Listed(Map.of(), "cannot list " + ctx.getPlural() + (namespace.isEmpty() ? "" : " in " + namespace)
          + ": " + (e.getCode() == 403 ? "forbidden: " : "") + KubeObjects.reason(e));
    }
  }
}
