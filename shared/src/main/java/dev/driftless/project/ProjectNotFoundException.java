package dev.driftless.project;

import dev.driftless.model.DriftlessException;

/** An Application names a project that is not registered. */
public class ProjectNotFoundException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public ProjectNotFoundException(String message) {
    super(message);
  }
}
