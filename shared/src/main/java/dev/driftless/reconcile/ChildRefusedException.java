package dev.driftless.reconcile;

import dev.driftless.model.DriftlessException;
import java.util.List;

/**
 * An app of apps renders child documents that may not be registered: invalid, taking a name another owner (a
 * user, another parent) holds, or outside what the parent's project allows. Nothing of the operation is applied,
 * and it is not retried: only a change to Git or to the projects can change the answer.
 */
public final class ChildRefusedException extends DriftlessException {

  /** {@code parent} as messages name it: {@code application root}, {@code applicationset guestbook}. */
  public ChildRefusedException(String parent, List<String> refusals) {
    super(parent + ": child documents refused: " + String.join("; ", refusals));
  }
}
