package dev.driftless.health;

import dev.driftless.model.DriftlessException;

/**
 * A custom health configuration that cannot be used: the message names the configuration, the entry and the
 * field. Raised when the functions start, so a bad expression or script stops them instead of being skipped.
 */
public class InvalidHealthConfigException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InvalidHealthConfigException(String message) {
    super(message);
  }
}
