package dev.driftless.reconcile;

import java.util.Locale;

/**
 * The events Driftless puts on its EventBridge bus (source {@code driftless}), by detail type. Each has a JSON
 * Schema in docs/events/ named by {@link #schemaFile()}; notification rules match on these words.
 */
public enum DetailType {
  SYNC_STARTED("Sync Started"),
  SYNC_SUCCEEDED("Sync Succeeded"),
  SYNC_FAILED("Sync Failed"),
  SYNC_WAITING("Sync Waiting"),
  DRIFT_DETECTED("Drift Detected"),
  HEALTH_DEGRADED("Health Degraded");

  private final String word;

  DetailType(String word) {
    this.word = word;
  }

  /** The event's detail-type, as EventBridge rules match it. */
  public String word() {
    return word;
  }

  /** The schema's file name under docs/events/: {@code sync-started.schema.json}. */
  public String schemaFile() {
    return word.toLowerCase(Locale.ROOT).replace(' ', '-') + ".schema.json";
  }
}
