package dev.driftless.secrets;

import java.util.Objects;

/**
 * One version of one secret: its id (name or ARN) and optionally a version stage or a version id (empty
 * meaning the current version, AWSCURRENT). It names a secret, never holds its value.
 */
public record SecretVersion(String id, String versionStage, String versionId) {

  public SecretVersion {
    Objects.requireNonNull(id, "id");
    versionStage = versionStage == null || versionStage.isEmpty() ? null : versionStage;
    versionId = versionId == null || versionId.isEmpty() ? null : versionId;
  }

  public static SecretVersion current(String id) {
    return new SecretVersion(id, null, null);
  }

  /** True for the current version, which Secrets Manager's BatchGetSecretValue can fetch. */
  public boolean isCurrent() {
    return versionStage == null && versionId == null;
  }

  @Override
  public String toString() {
    return id + (versionStage == null ? "" : " stage " + versionStage) + (versionId == null ? "" : " version " + versionId);
  }
}
