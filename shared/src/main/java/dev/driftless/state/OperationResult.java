package dev.driftless.state;

/** How one operation on an Application ended. */
public enum OperationResult {
  SUCCEEDED, FAILED, RUNNING, SUPERSEDED, SKIPPED
}
