package dev.driftless.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Assesses the health of one live object, the way Argo CD's gitops-engine does: one rule per kind
 * (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job, PersistentVolumeClaim, Service, Ingress,
 * CustomResourceDefinition, APIService, HorizontalPodAutoscaler, Namespace), chosen by API group and kind
 * whatever the version, and the {@code Ready} / {@code observedGeneration} conventions for every other kind.
 *
 * <p>Before the kind's rule: no object is {@link HealthStatus#MISSING}; an object annotated
 * {@code driftless.dev/health-ignore: "true"} is {@link HealthStatus#HEALTHY}; an object being deleted is
 * {@link HealthStatus#PROGRESSING}. A rule that cannot read the object gives {@link HealthStatus#UNKNOWN}
 * with the reason; assessing never throws. Stateless and safe to share.
 *
 * <p>A kind with a {@link CustomHealth} rule (CEL expressions or an Argo CD Lua script from the deployment's
 * configuration) is assessed by that rule instead of its built-in one or the generic conventions.
 */
public final class HealthAssessor {

  /** Set to {@code "true"} on an object to have it count as Healthy whatever its state. */
  public static final String IGNORE_ANNOTATION = "driftless.dev/health-ignore";

  private final Map<String, KindHealth> rules = new HashMap<>();
  private final CustomHealth custom;

  /** An assessor with the built-in rules only. */
  public HealthAssessor() {
    this(CustomHealth.none());
  }

  /** An assessor whose custom rules take precedence over the built-in ones for their kinds. */
  public HealthAssessor(CustomHealth custom) {
    this.custom = Objects.requireNonNull(custom, "custom");
    rule("apps", "Deployment", DeploymentHealth::assess);
    rule("extensions", "Deployment", DeploymentHealth::assess);
    rule("apps", "StatefulSet", StatefulSetHealth::assess);
    rule("apps", "DaemonSet", DaemonSetHealth::assess);
    rule("extensions", "DaemonSet", DaemonSetHealth::assess);
    rule("apps", "ReplicaSet", ReplicaSetHealth::assess);
    rule("extensions", "ReplicaSet", ReplicaSetHealth::assess);
    rule("", "Pod", PodHealth::assess);
    rule("batch", "Job", JobHealth::assess);
    rule("", "PersistentVolumeClaim", PersistentVolumeClaimHealth::assess);
    rule("", "Service", ServiceHealth::assess);
    rule("", "Namespace", NamespaceHealth::assess);
    rule("networking.k8s.io", "Ingress", IngressHealth::assess);
    rule("extensions", "Ingress", IngressHealth::assess);
    rule("apiextensions.k8s.io", "CustomResourceDefinition", CustomResourceDefinitionHealth::assess);
    rule("apiregistration.k8s.io", "APIService", ApiServiceHealth::assess);
    rule("autoscaling", "HorizontalPodAutoscaler", HorizontalPodAutoscalerHealth::assess);
  }

  private void rule(String group, String kind, KindHealth rule) {
    rules.put(group + "/" + kind, rule);
  }

  /** The health of the live object; {@link HealthStatus#MISSING} when it is null (it does not exist). */
  public Health assess(GenericKubernetesResource live) {
    if (live == null) {
      return Health.missing("Object does not exist");
    }
    LiveObject object = new LiveObject(live);
    try {
      if ("true".equalsIgnoreCase(object.annotation(IGNORE_ANNOTATION))) {
        return Health.healthy("Health check ignored (" + IGNORE_ANNOTATION + ")");
      }
      if (object.isBeingDeleted()) {
        return Health.progressing("Pending deletion");
      }
      KindHealth rule = custom.ruleFor(object.group(), object.kind());
      if (rule == null) {
        rule = rules.getOrDefault(object.group() + "/" + object.kind(), GenericHealth::assess);
      }
      return rule.assess(object);
    } catch (RuntimeException e) {
      return Health.unknown(object.describe() + ": cannot assess health: " + e.getMessage());
    }
  }
}
