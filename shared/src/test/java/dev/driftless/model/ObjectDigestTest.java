package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class ObjectDigestTest {

  @Test
  void digestIgnoresKeyOrderButNotValues() {
    GenericKubernetesResource a = Serialization.unmarshal(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}",
        GenericKubernetesResource.class);
    GenericKubernetesResource b = Serialization.unmarshal(
        "{\"kind\":\"ConfigMap\",\"data\":{\"b\":\"2\",\"a\":\"1\"},\"metadata\":{\"name\":\"x\"},\"apiVersion\":\"v1\"}",
        GenericKubernetesResource.class);
    GenericKubernetesResource c = Serialization.unmarshal(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":\"1\",\"b\":\"3\"}}",
        GenericKubernetesResource.class);
    assertThat(ObjectDigest.of(a)).isEqualTo(ObjectDigest.of(b)).startsWith("sha256:");
    assertThat(ObjectDigest.of(a)).isNotEqualTo(ObjectDigest.of(c));
  }

  @Test
  void desiredObjectNeverPrintsItsBody() {
    GenericKubernetesResource s = Serialization.unmarshal(
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"shop\"},"
            + "\"stringData\":{\"password\":\"hunter2\"}}", GenericKubernetesResource.class);
    DesiredObject d = DesiredObject.of(s, "apps/shop/secret.yaml");
    assertThat(d.key()).isEqualTo(new ObjectKey("", "Secret", "shop", "db"));
    assertThat(d.toString()).doesNotContain("hunter2").contains("Secret shop/db").contains("apps/shop/secret.yaml");
  }
}
