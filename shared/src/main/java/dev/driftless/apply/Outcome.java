package dev.driftless.apply;

/** How one planned change ended once applied. */
public enum Outcome {
  PLANNED, APPLIED, UNCHANGED, PRUNED, SKIPPED, FAILED,
  /** Left in the cluster and dropped from the inventory: it is gone already, or no longer tracked by us. */
  RELEASED;

  public boolean isFailure() {
    return this == FAILED;
  }
}
