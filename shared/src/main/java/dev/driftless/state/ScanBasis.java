package dev.driftless.state;

import java.util.Map;
import java.util.Objects;

/**
 * What an Application's last plan was computed from, so that a cluster scan can tell without rendering that its
 * desired objects are still the ones its inventory records: the commit rendered, the version of the stored
 * Application, and the version id Secrets Manager answered for each secret its render referenced by stage (the
 * key is the secret's id, with {@code " stage <stage>"} when a stage other than the current one was named;
 * references pinned to a version id cannot rotate and are not listed). Version ids only, never a value.
 */
public record ScanBasis(String commit, long specVersion, Map<String, String> secretVersions) {

  public ScanBasis {
    Objects.requireNonNull(commit, "commit");
    secretVersions = Map.copyOf(secretVersions);
  }
}
