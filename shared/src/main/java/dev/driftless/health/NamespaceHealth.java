package dev.driftless.health;

/** A Namespace is Healthy while Active and Progressing while Terminating. */
final class NamespaceHealth {

  private NamespaceHealth() {}

  static Health assess(LiveObject n) {
    String phase = n.textOrEmpty("status", "phase");
    if ("Terminating".equals(phase)) {
      return Health.progressing("Namespace is terminating");
    }
    return Health.healthy(phase.isEmpty() ? "" : "Namespace is " + phase);
  }
}
