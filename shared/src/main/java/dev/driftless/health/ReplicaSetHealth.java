package dev.driftless.health;

/**
 * A ReplicaSet that cannot create its pods (condition {@code ReplicaFailure=True}, for example a quota
 * refused them) is Degraded; one with fewer available replicas than asked is Progressing.
 */
final class ReplicaSetHealth {

  private ReplicaSetHealth() {}

  static Health assess(LiveObject r) {
    long observed = r.count("status", "observedGeneration");
    if (r.generation() > observed) {
      return Health.progressing("Waiting for rollout to finish: observed generation " + observed
          + " is older than generation " + r.generation());
    }
    var failure = r.condition("ReplicaFailure");
    if (failure.isPresent() && failure.get().isTrue()) {
      return Health.degraded(failure.get().explanation());
    }
    Long wanted = r.number("spec", "replicas");
    long available = r.count("status", "availableReplicas");
    if (wanted != null && available < wanted) {
      return Health.progressing("Waiting for rollout to finish: " + available + " out of " + wanted
          + " new replicas are available...");
    }
    return Health.healthy(available + " replicas are available");
  }
}
