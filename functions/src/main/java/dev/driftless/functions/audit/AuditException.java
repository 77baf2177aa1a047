package dev.driftless.functions.audit;

import dev.driftless.model.DriftlessException;

/** Audit events could not be turned into work (a cluster that could not be asked); the sender should retry. */
public final class AuditException extends DriftlessException {

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
