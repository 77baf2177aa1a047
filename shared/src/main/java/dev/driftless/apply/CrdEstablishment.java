package dev.driftless.apply;

import dev.driftless.health.HealthReport;
import dev.driftless.health.HealthStatus;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectHealth;
import dev.driftless.health.ObjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a stage that applied CustomResourceDefinitions: waits, until the caller's deadline, for them to be
 * Established, then forgets the cached discovery of the groups they serve, so the next stage finds their kinds.
 */
final class CrdEstablishment {

  private static final String KIND = "CustomResourceDefinition";

  private final Cluster cluster;
  private final HealthWaiter waiter;

  CrdEstablishment(Cluster cluster, HealthWaiter waiter) {
    this.cluster = cluster;
    this.waiter = waiter;
  }

  /** The stage's changes, each CRD not Established by the deadline failed with its health. */
  List<Change> await(List<Change> applied, Instant deadline) {
    List<ObjectRef> crds = applied.stream().filter(c -> KIND.equals(c.key().kind()))
        .map(c -> new ObjectRef(c.apiVersion(), c.key())).toList();
    if (crds.isEmpty()) {
      return applied;
    }
    HealthReport report = waiter.await(crds, HealthWaiter.Until.HEALTHY, deadline);
    List<Change> out = new ArrayList<>();
    for (Change c : applied) {
      ObjectHealth crd = report.objects().stream().filter(o -> o.ref().key().equals(c.key())).findFirst()
          .orElse(null);
      if (crd == null) {
        out.add(c);
      } else if (crd.status() != HealthStatus.HEALTHY) {
        out.add(c.with(Outcome.FAILED, "applied, but not Established by the deadline: " + crd.health(), null));
      } else {
        forgetServedVersions(c);
        out.add(c);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void forgetServedVersions(Change crd) {
    Map<String, Object> spec = (Map<String, Object>) crd.desired().object().getAdditionalProperties().get("spec");
    Object versions = spec == null ? null : spec.get("versions");
    if (versions instanceof List<?> vs) {
      for (Object v : vs) {
        if (v instanceof Map<?, ?> vm) cluster.discovery().forget(spec.get("group") + "/" + vm.get("name"));
      }
    }
  }
}
