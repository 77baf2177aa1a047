package dev.driftless.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixtures under src/test/resources/secrets, and an in-memory secret store that counts what it is asked. */
final class SecretFixtures {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);

  private SecretFixtures() {}

  static DesiredObject object(String name) {
    try (InputStream in = SecretFixtures.class.getResourceAsStream("/secrets/" + name)) {
      return DesiredObject.of(SERIALIZATION.unmarshal(in, GenericKubernetesResource.class), name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An object written inline in a test. */
  static DesiredObject parse(String yaml) {
    return DesiredObject.of(SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class), "inline.yaml");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> field(DesiredObject o, String name) {
    return (Map<String, Object>) o.object().getAdditionalProperties().get(name);
  }

  /** Secrets in memory, by version; records every batch it is asked for. */
  static final class MemorySecrets implements SecretsClient {
    final Map<SecretVersion, String> values = new HashMap<>();
    final List<List<SecretVersion>> batches = new ArrayList<>();

    MemorySecrets put(String id, String stage, String value) {
      values.put(new SecretVersion(id, stage, null), value);
      return this;
    }

    @Override
    public Optional<String> secretString(String id, String versionStage, String versionId) {
      return Optional.ofNullable(values.get(new SecretVersion(id, versionStage, versionId)));
    }

    @Override
    public SecretValues secretStrings(Collection<SecretVersion> versions) {
      batches.add(List.copyOf(versions));
      return SecretsClient.super.secretStrings(versions);
    }
  }
}
