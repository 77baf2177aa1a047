package dev.driftless.cluster;

import dev.driftless.model.DriftlessException;

/**
 * A cluster registration or its credential that Driftless will not use: the message starts with the cluster,
 * names the field and says why, and never holds a credential value. The API answers it with 400.
 */
public final class ClusterRefusedException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  public ClusterRefusedException(String message) {
    super(message);
  }
}
