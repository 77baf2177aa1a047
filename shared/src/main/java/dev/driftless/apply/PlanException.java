package dev.driftless.apply;

import dev.driftless.model.DriftlessException;

/** The plan could not be made; nothing was written. The message names the object and the server's reason. */
public class PlanException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
