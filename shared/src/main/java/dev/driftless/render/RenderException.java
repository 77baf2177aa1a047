package dev.driftless.render;

import dev.driftless.model.DriftlessException;

/**
 * Rendering an application could not finish: the message starts with what failed and names the application
 * path, file, document or tool. Rendering is all-or-nothing: no objects come with it.
 */
public class RenderException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
