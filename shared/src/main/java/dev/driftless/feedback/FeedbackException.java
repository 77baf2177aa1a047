package dev.driftless.feedback;

import dev.driftless.model.DriftlessException;

/** Feedback to a forge could not be given; the message names the repository or secret, never a token. */
public final class FeedbackException extends DriftlessException {

  public FeedbackException(String message) {
    super(message);
  }
}
