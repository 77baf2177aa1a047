package dev.driftless.model;

/** Options asked for an operation that cannot be used: the message names where they came from and the field. */
public class InvalidOperationOptionsException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InvalidOperationOptionsException(String message) {
    super(message);
  }
}
