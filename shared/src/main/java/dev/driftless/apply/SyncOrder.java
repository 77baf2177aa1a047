package dev.driftless.apply;

import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in: CRDs and Namespaces first (phase 0), then by sync wave, then by Argo
 * CD's kind order, then by name. Pruning runs in the reverse order.
 */
public final class SyncOrder {

  private SyncOrder() {}

  /** Argo CD's kind order (gitops-engine's sync tasks): dependencies before dependents. */
  private static final List<String> KIND_ORDER = List.of(
      "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
      "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
      "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
      "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
      "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService");

  private static final Map<String, Integer> KIND_RANK = rank();

  private static Map<String, Integer> rank() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < KIND_ORDER.size(); i++) m.put(KIND_ORDER.get(i), i);
    return Map.copyOf(m);
  }

  /** Phase 0 holds CRDs and Namespaces, which other objects may need to exist before a dry run. */
  public static int phase(ObjectKey key) {
    boolean first = ("CustomResourceDefinition".equals(key.kind()) && "apiextensions.k8s.io".equals(key.group()))
        || ("Namespace".equals(key.kind()) && key.group().isEmpty());
    return first ? 0 : 1;
  }

  /**
   * The object's sync wave, or else its Helm hook weight (as Argo CD reads it); 0 when it names neither. An
   * unreadable wave is an error naming the object and the annotation.
   */
  public static int wave(HasMetadata obj, ObjectKey key) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    if (ann == null) return 0;
    String name = ann.containsKey(Annotations.SYNC_WAVE) ? Annotations.SYNC_WAVE
        : ann.containsKey(Annotations.ARGO_SYNC_WAVE) ? Annotations.ARGO_SYNC_WAVE : Annotations.HELM_HOOK_WEIGHT;
    String v = ann.get(name);
    if (v == null || v.isBlank()) return 0;
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new PlanException(key + ": " + name + " is not an integer: " + v);
    }
  }

  public static int kindRank(String kind) {
    return KIND_RANK.getOrDefault(kind, KIND_ORDER.size());
  }

  /** The apply order of changes: phase, wave, kind, then key. */
  public static final Comparator<Change> APPLY = Comparator
      .comparingInt((Change c) -> phase(c.key()))
      .thenComparingInt(Change::wave)
      .thenComparingInt(c -> kindRank(c.key().kind()))
      .thenComparing(Change::key);

  /** The prune order: the reverse of the apply order. */
  public static final Comparator<Change> PRUNE = APPLY.reversed();

  public static int waveOf(DesiredObject d) {
    return wave(d.object(), d.key());
  }
}
