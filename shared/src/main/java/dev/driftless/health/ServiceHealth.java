package dev.driftless.health;

/**
 * A Service is healthy once it exists, except one of type LoadBalancer, which is Progressing until the
 * cloud's load balancer has an ingress address.
 */
final class ServiceHealth {

  private ServiceHealth() {}

  static Health assess(LiveObject s) {
    if (!"LoadBalancer".equals(s.text("spec", "type"))) {
      return Health.healthy("");
    }
    if (s.size("status", "loadBalancer", "ingress") > 0) {
      return Health.healthy("Load balancer has an ingress address");
    }
    return Health.progressing("Waiting for the load balancer to be given an ingress address");
  }
}
