package dev.driftless.project;

import dev.driftless.model.DriftlessException;

/** An AppProject document that cannot be used: the message names the document and the field. */
public class InvalidProjectException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InvalidProjectException(String message) {
    super(message);
  }
}
