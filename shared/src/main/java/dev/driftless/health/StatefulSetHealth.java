package dev.driftless.health;

/**
 * A StatefulSet is healthy once the controller has observed its spec, every replica is ready and the
 * rollout is done: with a RollingUpdate partition, once the pods at or above the partition are updated;
 * with OnDelete, as soon as the pods are ready (they are replaced only when someone deletes them).
 */
final class StatefulSetHealth {

  private StatefulSetHealth() {}

  static Health assess(LiveObject s) {
    long observed = s.count("status", "observedGeneration");
    if (observed == 0 || s.generation() > observed) {
      return Health.progressing("Waiting for the StatefulSet spec update to be observed...");
    }
    Long wanted = s.number("spec", "replicas");
    long ready = s.count("status", "readyReplicas");
    if (wanted != null && ready < wanted) {
      return Health.progressing("Waiting for " + (wanted - ready) + " pods to be ready...");
    }
    String strategy = s.textOrEmpty("spec", "updateStrategy", "type");
    if ("OnDelete".equals(strategy)) {
      return Health.healthy("StatefulSet has " + ready + " ready pods (OnDelete update strategy)");
    }
    long updated = s.count("status", "updatedReplicas");
    Long partition = s.number("spec", "updateStrategy", "rollingUpdate", "partition");
    if (wanted != null && partition != null && partition > 0) {
      long toUpdate = Math.max(0, wanted - partition);
      if (updated < toUpdate) {
        return Health.progressing("Waiting for partitioned roll out to finish: " + updated + " out of "
            + toUpdate + " new pods have been updated...");
      }
      return Health.healthy("Partitioned roll out complete: " + updated + " new pods have been updated");
    }
    String updateRevision = s.textOrEmpty("status", "updateRevision");
    String currentRevision = s.textOrEmpty("status", "currentRevision");
    if (!updateRevision.equals(currentRevision)) {
      return Health.progressing("Waiting for StatefulSet rolling update to complete: " + updated
          + " pods at revision " + updateRevision + "...");
    }
    return Health.healthy("StatefulSet rolling update complete: " + s.count("status", "currentReplicas")
        + " pods at revision " + currentRevision);
  }
}
