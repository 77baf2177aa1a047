package dev.driftless.appset;

import dev.driftless.model.DriftlessException;

/** A template that cannot be parsed or executed; the message names the template text and the problem. */
public final class TemplateException extends DriftlessException {

  public TemplateException(String message) {
    super(message);
  }
}
