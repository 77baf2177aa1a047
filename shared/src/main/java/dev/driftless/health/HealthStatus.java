package dev.driftless.health;

import java.util.Collection;

/**
 * How healthy a live object is, in Argo CD's words. The constants are declared from most to least healthy,
 * in Argo CD's order (Healthy, Suspended, Progressing, Missing, Degraded, Unknown): an unknown health is the
 * worst, since nothing can be said about the object.
 */
public enum HealthStatus {
  /** The object is as its spec asks. */
  HEALTHY("Healthy"),
  /** The object is paused or suspended and waits for someone to resume it. */
  SUSPENDED("Suspended"),
  /** The object is not healthy yet but may still become so: worth waiting for. */
  PROGRESSING("Progressing"),
  /** The object does not exist in the cluster. */
  MISSING("Missing"),
  /** The object failed, or cannot become healthy without a change. */
  DEGRADED("Degraded"),
  /** The health could not be assessed. */
  UNKNOWN("Unknown");

  private final String displayName;

  HealthStatus(String displayName) {
    this.displayName = displayName;
  }

  /** The word Argo CD uses for this status ({@code Healthy}, {@code Progressing}, ...). */
  public String displayName() {
    return displayName;
  }

  /** True when this status is less healthy than the other one, in Argo CD's order. */
  public boolean isWorseThan(HealthStatus other) {
    return other != null && compareTo(other) > 0;
  }

  /**
   * True when waiting will not change this status by itself. As in Argo CD's sync, only
   * {@link #PROGRESSING} is worth waiting for; every other status is where a wait ends.
   */
  public boolean isTerminal() {
    return this != PROGRESSING;
  }

  /** The least healthy of the statuses; {@link #HEALTHY} when there are none. */
  public static HealthStatus worst(Collection<HealthStatus> statuses) {
    HealthStatus worst = HEALTHY;
    for (HealthStatus s : statuses) {
      if (s != null && s.isWorseThan(worst)) {
        worst = s;
      }
    }
    return worst;
  }

  /** The status Argo CD writes as the given word (case-insensitive); {@link #UNKNOWN} for any other word. */
  public static HealthStatus fromDisplayName(String word) {
    for (HealthStatus s : values()) {
      if (s.displayName.equalsIgnoreCase(word) || s.name().equalsIgnoreCase(word)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
