package dev.driftless.health;

/**
 * A Deployment is as healthy as its rollout, as {@code kubectl rollout status} judges it: paused is
 * Suspended; a spec change the controller has not yet observed, or replicas not yet updated, old or not yet
 * available, is Progressing; a rollout past its {@code progressDeadlineSeconds} is Degraded.
 */
final class DeploymentHealth {

  private DeploymentHealth() {}

  static Health assess(LiveObject d) {
    if (d.flag("spec", "paused")) {
      return Health.suspended("Deployment is paused");
    }
    long observed = d.count("status", "observedGeneration");
    if (d.generation() > observed) {
      return Health.progressing("Waiting for rollout to finish: observed generation " + observed
          + " is older than generation " + d.generation());
    }
    var progressing = d.condition("Progressing");
    if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().reason())) {
      return Health.degraded(d.describe() + " exceeded its progress deadline"
          + suffix(progressing.get().message()));
    }
    Long wanted = d.number("spec", "replicas");
    long updated = d.count("status", "updatedReplicas");
    long total = d.count("status", "replicas");
    long available = d.count("status", "availableReplicas");
    if (wanted != null && updated < wanted) {
      return Health.progressing("Waiting for rollout to finish: " + updated + " out of " + wanted
          + " new replicas have been updated...");
    }
    if (total > updated) {
      return Health.progressing("Waiting for rollout to finish: " + (total - updated)
          + " old replicas are pending termination...");
    }
    if (available < updated) {
      return Health.progressing("Waiting for rollout to finish: " + available + " of " + updated
          + " updated replicas are available...");
    }
    return Health.healthy(available + " of " + updated + " updated replicas are available");
  }

  static String suffix(String message) {
    return message == null || message.isEmpty() ? "" : ": " + message;
  }
}
