package dev.driftless.state;

/**
 * How one operation on an Application ended. {@code ABANDONED}: a pass stopped without recording its end (the
 * function was killed or timed out) and its lease expired; the operation is continued. {@code WAITING}: an
 * automated sync held by its project's sync windows; nothing was applied, and the first scan after the windows
 * open syncs the commit it held.
 */
public enum OperationResult {
  SUCCEEDED, FAILED, RUNNING, SUPERSEDED, SKIPPED, ABANDONED, WAITING
}
