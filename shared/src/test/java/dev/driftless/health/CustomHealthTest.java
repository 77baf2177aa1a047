package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomHealthTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final String CONFIG = """
      health:
        - apiVersion: cert-manager.io/v1
          kind: Certificate
          cel:
            current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')"
            failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')"
        - group: apps
          kind: Deployment
          lua: |
            return {status = "Suspended", message = "custom rule"}
      """;

  private static GenericKubernetesResource object(String yaml) throws Exception {
    return YAML.readValue(yaml, GenericKubernetesResource.class);
  }

  @Test
  void aCustomRuleTakesPrecedenceOverTheGenericReadyCondition() throws Exception {
    HealthAssessor assessor = new HealthAssessor(CustomHealth.parse(CONFIG, "health.yaml"));
    GenericKubernetesResource cert = object("""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web}
        status: {conditions: [{type: Ready, status: 'False', reason: Pending}]}
        """);

    assertThat(new HealthAssessor().assess(cert).status()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(assessor.assess(cert).status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void aCustomRuleForABuiltInKindOverridesItAsArgoAllows() throws Exception {
    HealthAssessor assessor = new HealthAssessor(CustomHealth.parse(CONFIG, "health.yaml"));
    GenericKubernetesResource deployment = object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, generation: 1}
        spec: {replicas: 1}
        status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1}
        """);

    assertThat(assessor.assess(deployment)).isEqualTo(Health.suspended("custom rule"));
  }

  @Test
  void kindsWithoutACustomRuleKeepTheirBuiltInOne() throws Exception {
    HealthAssessor assessor = new HealthAssessor(CustomHealth.parse(CONFIG, "health.yaml"));
    GenericKubernetesResource pvc = object("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        status: {phase: Pending}
        """);

    assertThat(assessor.assess(pvc)).isEqualTo(new HealthAssessor().assess(pvc));
  }

  @Test
  void theIgnoreAnnotationStillWinsOverACustomRule() throws Exception {
    HealthAssessor assessor = new HealthAssessor(CustomHealth.parse(CONFIG, "health.yaml"));
    GenericKubernetesResource ignored = object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, annotations: {driftless.dev/health-ignore: "true"}}
        """);

    assertThat(assessor.assess(ignored).status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void theDocumentMayBeJson() {
    CustomHealth rules = CustomHealth.parse("{\"health\": [{\"group\": \"\", \"kind\": \"ConfigMap\", "
        + "\"cel\": {\"current\": \"has(data.ready)\"}}]}", "env");

    assertThat(rules.size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "other: []|health.yaml: health is required",
      "health: [{kind: Thing, group: example.com}]|health.yaml: health[0] must have exactly one of cel and lua",
      "health: [{group: example.com, cel: {current: 'true'}}]|health.yaml: health[0].kind is required",
      "health: [{kind: T, group: example.com, cel: {current: 'true'}, lua: 'return nil'}]|health[0] must have exactly one",
      "health: [{kind: T, group: example.com, cel: {curent: 'true'}}]|health.yaml: health[0].cel.curent is not a field",
      "health: [{kind: T, group: example.com, cel: {failed: 'true'}}]|health.yaml: health[0].cel.current is required",
      "health: [{kind: T, group: example.com, script: 'x', lua: 'return nil'}]|health[0].script is not a field",
      "health: [{kind: T, group: example.com, cel: {current: 'status.('}}]|health.yaml: health[0] (example.com/T): cel.current is not a valid CEL expression",
      "health: [{kind: T, group: example.com, cel: {current: 'true', inProgress: 'a &&'}}]|health[0] (example.com/T): cel.inProgress is not a valid",
      "health: [{kind: T, group: example.com, lua: 'return {'}]|health.yaml: health[0] (example.com/T): lua does not compile",
      "health: [{kind: T, apiVersion: example.com/v1, group: other.com, lua: 'return nil'}]|health[0].group is other.com but apiVersion example.com/v1 is of group example.com",
      "health: [{kind: T, group: example.com, lua: 'return nil'}, {kind: T, apiVersion: example.com/v2, lua: 'return nil'}]|health[1] names example.com/T, which an earlier entry already configures",
      "health: [{kind: T, group: example.com, lua: 'return nil', cel: 3}]|health[0] must have exactly one",
      "health: [{kind: Secret, apiVersion: v1, lua: 'return {status = obj.data.password}'}]|health.yaml: health[0].kind Secret cannot have a custom health rule"})
  void aBadConfigurationNamesTheEntryAndTheField(String document, String message) {
    assertThatThrownBy(() -> CustomHealth.parse(document, "health.yaml"))
        .isInstanceOf(InvalidHealthConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theSettingMayNameAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("health.yaml");
    Files.writeString(file, CONFIG);

    assertThat(CustomHealth.fromSetting(file.toString()).size()).isEqualTo(2);
    assertThat(CustomHealth.fromSetting(CONFIG).size()).isEqualTo(2);
    assertThat(CustomHealth.fromSetting(" ").size()).isZero();
    assertThat(CustomHealth.fromSetting(null).size()).isZero();
    assertThatThrownBy(() -> CustomHealth.fromSetting(dir.resolve("missing.yaml").toString()))
        .isInstanceOf(InvalidHealthConfigException.class)
        .hasMessageStartingWith(CustomHealth.ENV + ": cannot read " + dir.resolve("missing.yaml"));
    Files.writeString(file, "health: [{group: x.io, kind: T, lua: \"return {\"}]");
    assertThatThrownBy(() -> CustomHealth.fromSetting(file.toString()))
        .hasMessageStartingWith(CustomHealth.ENV + " (" + file + "): health[0] (x.io/T): lua does not compile");
  }
}
