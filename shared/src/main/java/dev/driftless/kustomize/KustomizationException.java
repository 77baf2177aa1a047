package dev.driftless.kustomize;

import dev.driftless.model.DriftlessException;

/** A kustomization file could not be read as one: the message names the file and says why. */
public class KustomizationException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public KustomizationException(String message, Throwable cause) {
    super(message, cause);
  }

  public KustomizationException(String message) {
    super(message);
  }
}
