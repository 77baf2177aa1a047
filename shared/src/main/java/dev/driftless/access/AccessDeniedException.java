package dev.driftless.access;

import dev.driftless.model.DriftlessException;

/** A caller lacks a permission; {@link #missing()} names it as the 403 answer does. */
public final class AccessDeniedException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  private final String missing;

  public AccessDeniedException(String caller, String missing) {
    super("permission denied: " + caller + " lacks " + missing);
    this.missing = missing;
  }

  public String missing() {
    return missing;
  }
}
