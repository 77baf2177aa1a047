package dev.driftless.secrets;

import dev.driftless.model.DriftlessException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * {@link SecretsClient} over AWS Secrets Manager. Several current versions are fetched with
 * BatchGetSecretValue, 20 ids a call (the API's limit); versions named by stage or id, which that API cannot
 * address, and ids the batch answer does not name back (partial ARNs) are fetched one by one. When the batch
 * call itself is refused (no permission for it, or an endpoint that does not implement it) the client falls
 * back to one call per secret for the rest of its life.
 */
public final class SecretsManagerClient implements SecretsClient {

  static final int BATCH_LIMIT = 20;
  private static final String CURRENT = "AWSCURRENT";

  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm;
  private volatile boolean batchRefused;

  public SecretsManagerClient(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm) {
    this.sm = sm;
  }

  @Override
  public Optional<String> secretString(String id, String versionStage, String versionId) {
    return read(id, versionStage, versionId).map(GetSecretValueResponse::secretString);
  }

  /** The secret version's answer (value and version id); empty when no such secret exists. */
  private Optional<GetSecretValueResponse> read(String id, String versionStage, String versionId) {
    GetSecretValueRequest.Builder req = GetSecretValueRequest.builder().secretId(id);
    if (versionStage != null && !versionStage.isEmpty()) req.versionStage(versionStage);
    if (versionId != null && !versionId.isEmpty()) req.versionId(versionId);
    try {
      return Optional.of(sm.getSecretValue(req.build())).filter(r -> r.secretString() != null);
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SecretsManagerException e) {
      // The SDK's message names the id and the error code, never the value.
      throw new DriftlessException("secret " + id + ": " + e.awsErrorDetails().errorCode(), e);
    } catch (SdkClientException e) {
      throw unreachable(id, e);
    }
  }

  /**
   * One DescribeSecret per distinct secret (its versions' ids and stages, never a value): the id each asked
   * stage points at. A secret that is missing or may not be described is left out, so the caller takes it for
   * rotated and reconciles in full.
   */
  @Override
  public Map<SecretVersion, String> currentVersionIds(Collection<SecretVersion> versions) {
    Map<String, Map<String, List<String>>> stagesById = new HashMap<>();
    Map<SecretVersion, String> out = new LinkedHashMap<>();
    for (SecretVersion v : new LinkedHashSet<>(versions)) {
      Map<String, List<String>> stages = stagesById.computeIfAbsent(v.id(), this::stages);
      String stage = v.versionStage() == null ? CURRENT : v.versionStage();
      stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst()
          .ifPresent(id -> out.put(v, id));
    }
    return out;
  }

  private Map<String, List<String>> stages(String id) {
    try {
      return sm.describeSecret(r -> r.secretId(id)).versionIdsToStages();
    } catch (SecretsManagerException e) {
      return Map.of();
    } catch (SdkClientException e) {
      throw unreachable(id, e);
    }
  }

  @Override
  public SecretValues secretStrings(Collection<SecretVersion> versions) {
    Map<SecretVersion, String> found = new LinkedHashMap<>();
    Map<SecretVersion, String> ids = new LinkedHashMap<>();
    List<SecretVersion> oneByOne = new ArrayList<>();
    List<SecretVersion> current = new ArrayList<>();
    for (SecretVersion v : new LinkedHashSet<>(versions)) {
      (v.isCurrent() && !batchRefused ? current : oneByOne).add(v);
    }
    for (int i = 0; i < current.size(); i += BATCH_LIMIT) {
      List<SecretVersion> chunk = current.subList(i, Math.min(current.size(), i + BATCH_LIMIT));
      oneByOne.addAll(batch(chunk, found, ids));
    }
    for (SecretVersion v : oneByOne) {
      read(v.id(), v.versionStage(), v.versionId()).ifPresent(r -> {
        found.put(v, r.secretString());
        if (r.versionId() != null) ids.put(v, r.versionId());
      });
    }
    return new SecretValues(found, ids);
  }

  /** Fetches one batch into {@code found}; returns the versions left to fetch one by one. */
  private List<SecretVersion> batch(List<SecretVersion> chunk, Map<SecretVersion, String> found,
      Map<SecretVersion, String> ids) {
    BatchGetSecretValueResponse response;
    try {
      response = sm.batchGetSecretValue(BatchGetSecretValueRequest.builder()
          .secretIdList(chunk.stream().map(SecretVersion::id).toList()).build());
    } catch (SdkClientException e) {
      throw unreachable(chunk.get(0).id() + (chunk.size() > 1 ? " and " + (chunk.size() - 1) + " more" : ""), e);
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
      if (!code.contains("Throttl")) {
        batchRefused = true;
      }
      return chunk;
    }
    List<SecretVersion> left = new ArrayList<>();
    for (SecretVersion v : chunk) {
      Optional<SecretValueEntry> entry = response.secretValues().stream()
          .filter(e -> v.id().equals(e.name()) || v.id().equals(e.arn())).findFirst();
      if (entry.isPresent()) {
        if (entry.get().secretString() != null) {
          found.put(v, entry.get().secretString());
          if (entry.get().versionId() != null) ids.put(v, entry.get().versionId());
        }
        continue;
      }
      Optional<APIErrorType> error = response.errors().stream().filter(e -> v.id().equals(e.secretId())).findFirst();
      if (error.isPresent() && "ResourceNotFoundException".equals(error.get().errorCode())) {
        continue;
      }
      if (error.isPresent()) {
        throw new DriftlessException("secret " + v.id() + ": " + error.get().errorCode());
      }
      left.add(v);
    }
    return left;
  }

  /**
   * Secrets Manager could not be reached (no answer, after the SDK's retries): said as such, with the cause's
   * kind and message (which name the endpoint, never a value), so an outage does not read as a missing secret.
   */
  private static DriftlessException unreachable(String what, SdkClientException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return new DriftlessException("Secrets Manager unreachable reading secret " + what + ": "
        + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")"), e);
  }

  /** True once the batch call was refused and every secret is fetched on its own. */
  boolean batchRefused() {
    return batchRefused;
  }
}
