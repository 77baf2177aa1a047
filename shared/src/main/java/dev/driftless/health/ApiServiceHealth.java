package dev.driftless.health;

/**
 * An APIService is Healthy when Available. Not available yet is Progressing, as in Argo CD: an aggregated
 * API is usually unavailable only until its backing Deployment is up.
 */
final class ApiServiceHealth {

  private ApiServiceHealth() {}

  static Health assess(LiveObject a) {
    var available = a.condition("Available");
    if (available.isEmpty()) {
      return Health.progressing("Waiting for the API server to check the service's availability");
    }
    if (available.get().isTrue()) {
      return Health.healthy(available.get().explanation());
    }
    return Health.progressing("APIService is not available: " + available.get().explanation());
  }
}
