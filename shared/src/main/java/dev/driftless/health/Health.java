package dev.driftless.health;

import java.util.Objects;

/**
 * The health of one live object: a status and a readable reason, for example
 * {@code Progressing: Waiting for rollout to finish: 1 of 2 updated replicas are available...}.
 */
public record Health(HealthStatus status, String message) {

  public Health {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  public static Health healthy(String message) {
    return new Health(HealthStatus.HEALTHY, message);
  }

  public static Health progressing(String message) {
    return new Health(HealthStatus.PROGRESSING, message);
  }

  public static Health degraded(String message) {
    return new Health(HealthStatus.DEGRADED, message);
  }

  public static Health suspended(String message) {
    return new Health(HealthStatus.SUSPENDED, message);
  }

  public static Health missing(String message) {
    return new Health(HealthStatus.MISSING, message);
  }

  public static Health unknown(String message) {
    return new Health(HealthStatus.UNKNOWN, message);
  }

  /** True when this health is where a wait ends (see {@link HealthStatus#isTerminal()}). */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  @Override
  public String toString() {
    return message.isEmpty() ? status.displayName() : status.displayName() + ": " + message;
  }
}
