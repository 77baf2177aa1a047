package dev.driftless.health;

import java.util.Locale;
import java.util.Set;

/**
 * The health of a kind without a rule of its own, from the conventions most controllers follow (kstatus,
 * Flux, Crossplane, cert-manager, Cluster API):
 * <ul>
 *   <li>{@code spec.suspend: true} is Suspended;</li>
 *   <li>{@code status.observedGeneration} older than {@code metadata.generation} is Progressing;</li>
 *   <li>{@code Stalled=True} is Degraded, {@code Reconciling=True} is Progressing;</li>
 *   <li>{@code Ready=True} is Healthy, {@code Ready=Unknown} is Progressing, and {@code Ready=False} is
 *       Progressing when its reason says the work is under way (Progressing, Reconciling, Pending, ...) and
 *       Degraded otherwise;</li>
 *   <li>anything else, including objects with no status at all (ConfigMap, Secret, RBAC), is Healthy
 *       once it exists.</li>
 * </ul>
 */
final class GenericHealth {

  /** Ready=False reasons that mean "not yet" rather than "failed" (compared without case). */
  private static final Set<String> IN_PROGRESS_REASONS = Set.of("progressing", "progressingwithretry",
      "reconciling", "reconciliationinprogress", "inprogress", "pending", "waiting", "creating",
      "initializing", "provisioning", "deploying", "updating", "scaling", "starting", "dependencynotready",
      "artifactinprogress");

  private GenericHealth() {}

  static Health assess(LiveObject o) {
    if (o.flag("spec", "suspend")) {
      return Health.suspended(o.kind() + " is suspended");
    }
    Long observed = o.number("status", "observedGeneration");
    if (observed != null && observed < o.generation()) {
      return Health.progressing("Waiting for the controller to observe generation " + o.generation()
          + " (observed " + observed + ")");
    }
    var stalled = o.condition("Stalled");
    if (stalled.isPresent() && stalled.get().isTrue()) {
      return Health.degraded("Stalled: " + stalled.get().explanation());
    }
    var reconciling = o.condition("Reconciling");
    if (reconciling.isPresent() && reconciling.get().isTrue()) {
      return Health.progressing("Reconciling: " + reconciling.get().explanation());
    }
    var ready = o.condition("Ready");
    if (ready.isPresent()) {
      Condition r = ready.get();
      if (r.isTrue()) {
        return Health.healthy(r.explanation());
      }
      if (!r.isFalse() || isInProgress(r.reason())) {
        return Health.progressing("Not ready yet: " + r.explanation());
      }
      return Health.degraded("Not ready: " + r.explanation());
    }
    return Health.healthy("");
  }

  static boolean isInProgress(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    return IN_PROGRESS_REASONS.contains(r) || r.endsWith("inprogress") || r.startsWith("waiting");
  }
}
