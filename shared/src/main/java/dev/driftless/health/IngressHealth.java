package dev.driftless.health;

/** An Ingress is Progressing until its controller publishes a load balancer address. */
final class IngressHealth {

  private IngressHealth() {}

  static Health assess(LiveObject i) {
    if (i.size("status", "loadBalancer", "ingress") > 0) {
      return Health.healthy("Ingress has a load balancer address");
    }
    return Health.progressing("Waiting for the ingress controller to publish a load balancer address");
  }
}
