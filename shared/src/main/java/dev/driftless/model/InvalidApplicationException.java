package dev.driftless.model;

/** An Application document that cannot be used: the message names the document and the field. */
public class InvalidApplicationException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InvalidApplicationException(String message) {
    super(message);
  }
}
