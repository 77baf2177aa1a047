package dev.driftless.state;

/**
 * How one operation on an Application ended. {@code ABANDONED}: a pass stopped without recording its end (the
 * function was killed or timed out) and its lease expired; the operation is continued.
 */
public enum OperationResult {
  SUCCEEDED, FAILED, RUNNING, SUPERSEDED, SKIPPED, ABANDONED
}
