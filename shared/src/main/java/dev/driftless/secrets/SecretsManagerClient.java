package dev.driftless.secrets;

import dev.driftless.model.DriftlessException;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** {@link SecretsClient} over AWS Secrets Manager. */
public final class SecretsManagerClient implements SecretsClient {

  private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm;

  public SecretsManagerClient(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm) {
    this.sm = sm;
  }

  @Override
  public Optional<String> secretString(String id, String versionStage, String versionId) {
    GetSecretValueRequest.Builder req = GetSecretValueRequest.builder().secretId(id);
    if (versionStage != null && !versionStage.isEmpty()) req.versionStage(versionStage);
    if (versionId != null && !versionId.isEmpty()) req.versionId(versionId);
    try {
      return Optional.ofNullable(sm.getSecretValue(req.build()).secretString());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SecretsManagerException e) {
      // The SDK's message names the id and the error code, never the value.
      throw new DriftlessException("secret " + id + ": " + e.awsErrorDetails().errorCode(), e);
    }
  }
}
