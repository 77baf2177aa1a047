package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class CelHealthTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // Flux's cheatsheet form for cert-manager Certificates, written for these tests.
  private static final CelHealth CERTIFICATE = CelHealth.compile("health[0] (cert-manager.io/Certificate)",
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
      "status.conditions.exists(e, e.type == 'Issuing' && e.status == 'True')");

  static LiveObject live(String yaml) throws Exception {
    return new LiveObject(YAML.readValue(yaml, GenericKubernetesResource.class));
  }

  static LiveObject certificate(String conditions) throws Exception {
    return live("""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web, namespace: shop, generation: 2}
        status:
          observedGeneration: 2
          conditions: %s
        """.formatted(conditions));
  }

  @Test
  void currentTrueIsHealthy() throws Exception {
    Health h = CERTIFICATE.assess(certificate("[{type: Ready, status: 'True'}]"));

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(h.message()).startsWith("current holds");
  }

  @Test
  void failedTrueIsDegraded() throws Exception {
    assertThat(CERTIFICATE.assess(certificate("[{type: Ready, status: 'False'}]")).status())
        .isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void inProgressIsEvaluatedBeforeFailedAsFluxOrdersThem() throws Exception {
    Health h = CERTIFICATE.assess(certificate("[{type: Ready, status: 'False'}, {type: Issuing, status: 'True'}]"));

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(h.message()).startsWith("inProgress holds");
  }

  @Test
  void failedIsEvaluatedBeforeCurrent() throws Exception {
    CelHealth both = CelHealth.compile("e", "true", "true", null);

    assertThat(both.assess(certificate("[]")).status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void noExpressionHoldingIsProgressing() throws Exception {
    Health h = CERTIFICATE.assess(certificate("[{type: Ready, status: Unknown}]"));

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(h.message()).startsWith("current does not hold yet");
  }

  @Test
  void anObservedGenerationBehindIsProgressingWhatTheExpressionsSay() throws Exception {
    LiveObject stale = live("""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web, generation: 3}
        status: {observedGeneration: 2, conditions: [{type: Ready, status: 'True'}]}
        """);

    assertThat(CERTIFICATE.assess(stale).status()).isEqualTo(HealthStatus.PROGRESSING);
  }

  @Test
  void aFieldNotWrittenYetLeavesTheObjectProgressingWithTheReason() throws Exception {
    LiveObject fresh = live("""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web}
        spec: {secretName: web-tls}
        """);

    Health h = CERTIFICATE.assess(fresh);

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(h.message()).contains("CEL inProgress cannot be evaluated yet");
  }

  @Test
  void optionalFieldsStringAndNumberFunctionsAreAvailableAsInFlux() throws Exception {
    CelHealth rule = CelHealth.compile("e",
        "status.?conditions.orValue([]).exists(c, c.type.lowerAscii() == 'ready') && status.replicas >= 2.0",
        null, null);

    assertThat(rule.assess(live("""
        apiVersion: example.com/v1
        kind: Thing
        metadata: {name: t}
        status: {replicas: 2, conditions: [{type: READY}]}
        """)).status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void anExpressionOverTheIterationBoundIsUnknown() throws Exception {
    String items = String.join(",", Collections.nCopies(200, "1"));
    CelHealth quadratic = CelHealth.compile("e", "status.items.all(a, status.items.all(b, a == b))", null, null);

    Health h = quadratic.assess(live("""
        apiVersion: example.com/v1
        kind: Thing
        metadata: {name: t}
        status: {items: [%s]}
        """.formatted(items)));

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h.message()).contains("exceeded " + CelHealth.MAX_ITERATIONS + " iterations");
  }

  @Test
  void aResultThatIsNotABoolIsProgressingWithTheReason() throws Exception {
    Health h = CelHealth.compile("e", "status.phase", null, null).assess(live("""
        apiVersion: example.com/v1
        kind: Thing
        metadata: {name: t}
        status: {phase: Ready}
        """));

    assertThat(h.status()).as(h.toString()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(h.message()).contains("not a bool");
  }
}
