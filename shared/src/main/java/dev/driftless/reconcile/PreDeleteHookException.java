package dev.driftless.reconcile;

import dev.driftless.model.DriftlessException;

/**
 * A PreDelete hook failed, or was still running at the deadline: nothing of the Application was deleted, and its
 * registration stays, so that deleting again runs (or, still running, waits for) the hook again.
 */
public final class PreDeleteHookException extends DriftlessException {

  public PreDeleteHookException(String message) {
    super(message);
  }
}
