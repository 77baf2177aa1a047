package dev.driftless.health;

import java.util.Objects;

/** The health of one object of a {@link HealthReport}. */
public record ObjectHealth(ObjectRef ref, Health health) {

  public ObjectHealth {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(health, "health");
  }

  public HealthStatus status() {
    return health.status();
  }

  @Override
  public String toString() {
    return ref + ": " + health;
  }
}
