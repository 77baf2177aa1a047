package dev.driftless.state;

import dev.driftless.model.DriftlessException;

/** A conditional write lost: someone else changed the item first. The message says who or what holds it. */
public class ConflictException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
