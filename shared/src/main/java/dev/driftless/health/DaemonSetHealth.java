package dev.driftless.health;

/**
 * A DaemonSet is healthy once the controller has observed its spec and every node that should run its pod
 * runs an updated, available one. With the OnDelete strategy pods are replaced only when deleted, so it is
 * healthy as soon as the spec is observed.
 */
final class DaemonSetHealth {

  private DaemonSetHealth() {}

  static Health assess(LiveObject d) {
    long observed = d.count("status", "observedGeneration");
    if (d.generation() > observed) {
      return Health.progressing("Waiting for rollout to finish: observed generation " + observed
          + " is older than generation " + d.generation());
    }
    long desired = d.count("status", "desiredNumberScheduled");
    long updated = d.count("status", "updatedNumberScheduled");
    if ("OnDelete".equals(d.textOrEmpty("spec", "updateStrategy", "type"))) {
      return Health.healthy(updated + " out of " + desired + " pods have been updated (OnDelete update strategy)");
    }
    if (updated < desired) {
      return Health.progressing("Waiting for daemon set rollout to finish: " + updated + " out of " + desired
          + " new pods have been updated...");
    }
    long available = d.count("status", "numberAvailable");
    if (available < desired) {
      return Health.progressing("Waiting for daemon set rollout to finish: " + available + " of " + desired
          + " updated pods are available...");
    }
    return Health.healthy(available + " of " + desired + " pods are available");
  }
}
