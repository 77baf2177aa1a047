package dev.driftless.model;

/**
 * The root of Driftless's named exceptions. A message starts with what failed, naming the file, object or
 * field, and never holds a secret value.
 */
public class DriftlessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DriftlessException(String message) {
    super(message);
  }

  public DriftlessException(String message, Throwable cause) {
    super(message, cause);
  }
}
