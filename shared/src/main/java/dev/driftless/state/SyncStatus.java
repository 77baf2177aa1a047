package dev.driftless.state;

/** Whether the cluster matches Git for an Application. */
public enum SyncStatus {
  SYNCED, OUT_OF_SYNC, UNKNOWN;

  public String displayName() {
    return switch (this) {
      case SYNCED -> "Synced";
      case OUT_OF_SYNC -> "OutOfSync";
      case UNKNOWN -> "Unknown";
    };
  }
}
