package dev.driftless.state;

import dev.driftless.model.DriftlessException;

/** An inventory too large to store in one write; it was refused before anything was written. */
public class InventoryTooLargeException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public InventoryTooLargeException(String message) {
    super(message);
  }
}
