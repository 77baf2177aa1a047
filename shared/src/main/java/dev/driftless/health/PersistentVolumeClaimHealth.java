package dev.driftless.health;

/** A claim is Healthy when Bound, Progressing while Pending, Degraded when its volume is Lost. */
final class PersistentVolumeClaimHealth {

  private PersistentVolumeClaimHealth() {}

  static Health assess(LiveObject c) {
    String phase = c.textOrEmpty("status", "phase");
    return switch (phase) {
      case "Bound" -> Health.healthy("Claim is bound to volume " + c.textOrEmpty("spec", "volumeName"));
      case "Pending" -> Health.progressing("Claim is pending: waiting for a volume to be bound");
      case "Lost" -> Health.degraded("Claim lost its volume " + c.textOrEmpty("spec", "volumeName"));
      default -> Health.unknown("Claim phase is " + (phase.isEmpty() ? "not set" : phase));
    };
  }
}
