package dev.driftless.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void replacesValuesWithAStableShortDigest() {
    SecretMasker masker = SecretMasker.of(List.of("hunter2"));

    assertThat(masker.mask("password=hunter2;")).isEqualTo("password=*** (sha256:f52fbd32b2b3);");
    assertThat(SecretMasker.placeholder("hunter2")).isEqualTo("*** (sha256:f52fbd32b2b3)");
  }

  @Test
  void masksTheLongerValueWholeWhenOneValueContainsAnother() {
    SecretMasker masker = SecretMasker.of(List.of("abc", "abcdef"));

    assertThat(masker.mask("abcdef")).isEqualTo(SecretMasker.placeholder("abcdef"));
  }

  @Test
  void masksBase64FormsAndLeavesTheOriginalObjectAlone() {
    GenericKubernetesResource secret = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Secret")
        .withNewMetadata().withName("db").endMetadata()
        .addToAdditionalProperties("data", Map.of("password", "aHVudGVyMg=="))
        .addToAdditionalProperties("stringData", Map.of("url", "postgres://u:hunter2@db"))
        .build();

    GenericKubernetesResource masked = SecretMasker.of(List.of("hunter2")).mask(secret);

    assertThat(masked.getAdditionalProperties().get("data"))
        .isEqualTo(Map.of("password", SecretMasker.placeholder("hunter2")));
    assertThat(masked.getAdditionalProperties().get("stringData"))
        .isEqualTo(Map.of("url", "postgres://u:" + SecretMasker.placeholder("hunter2") + "@db"));
    assertThat(secret.getAdditionalProperties().get("data")).isEqualTo(Map.of("password", "aHVudGVyMg=="));
    assertThat(masked.getMetadata().getName()).isEqualTo("db");
  }

  @Test
  void printsNoValue() {
    assertThat(SecretMasker.of(List.of("hunter2")).toString()).doesNotContain("hunter2");
  }
}
