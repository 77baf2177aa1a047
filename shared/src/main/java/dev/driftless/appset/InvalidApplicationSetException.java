package dev.driftless.appset;

import dev.driftless.model.DriftlessException;

/** An ApplicationSet document that cannot be registered; the message names the document and the field. */
public final class InvalidApplicationSetException extends DriftlessException {

  public InvalidApplicationSetException(String message) {
    super(message);
  }
}
