package dev.driftless.access;

import dev.driftless.model.DriftlessException;

/** An access policy (or a bootstrap admin list) that cannot be used; the message names the field. */
public final class InvalidAccessPolicyException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InvalidAccessPolicyException(String message) {
    super(message);
  }
}
