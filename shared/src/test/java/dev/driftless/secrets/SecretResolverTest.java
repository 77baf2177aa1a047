package dev.driftless.secrets;

import static dev.driftless.secrets.SecretFixtures.field;
import static dev.driftless.secrets.SecretFixtures.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.fixture.TestClock;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretResolverTest {

  private final SecretFixtures.MemorySecrets store = new SecretFixtures.MemorySecrets()
      .put("prod/db", null, "{\"password\":\"s3cr3t-pw\",\"database\":\"orders\",\"port\":5432}")
      .put("prod/token", null, "tok-current")
      .put("prod/token", "AWSPREVIOUS", "tok-previous")
      .put("prod/api", null, "{\"key\":\"api-key-1\"}");
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SecretResolver resolver = new SecretResolver(store, clock,
      SecretResolverOptions.defaults().withReferencePrefix("prod/"));

  @Test
  void resolvesWholeAndEmbeddedReferencesInStringDataAndBase64EncodesThemInData() {
    DesiredObject secret = resolver.resolve(List.of(object("secret-with-references.yaml"))).get(0);

    assertThat(field(secret, "stringData")).isEqualTo(Map.of(
        "password", "s3cr3t-pw",
        "url", "postgres://app:s3cr3t-pw@db:5432/orders",
        "token", "tok-current"));
    assertThat(field(secret, "data")).isEqualTo(Map.of(
        "apiKey", Base64.getEncoder().encodeToString("api-key-1".getBytes(StandardCharsets.UTF_8)),
        "plain", "aGVsbG8="));
  }

  @Test
  void resolvesReferencesAnywhereInStringValuesButNotInKeys() {
    DesiredObject deployment = resolver.resolve(List.of(object("deployment-with-reference.yaml"))).get(0);

    String spec = deployment.object().getAdditionalProperties().get("spec").toString();
    assertThat(spec).contains("value=Bearer tok-previous").contains("value=nothing to resolve");
    assertThat(deployment.object().getMetadata().getLabels())
        .containsEntry("{{resolve:secretsmanager:prod/db:SecretString:password}}", "key-is-left-alone");
  }

  @Test
  void spreadsAnAnnotatedJsonSecretIntoStringDataWithManifestKeysWinning() {
    DesiredObject secret = resolver.resolve(List.of(object("secret-annotated.yaml"))).get(0);

    assertThat(field(secret, "stringData")).isEqualTo(Map.of("password", "written-in-git-wins", "port", "5432"));
    assertThat(field(secret, "data")).isEqualTo(Map.of("database", "Z2l0"));
  }

  @Test
  void digestsResolvedValuesSoARotatedSecretChangesTheDigest() {
    DesiredObject before = resolver.resolve(List.of(object("secret-with-references.yaml"))).get(0);
    store.put("prod/token", null, "tok-rotated");
    clock.advance(Duration.ofMinutes(6));
    DesiredObject after = resolver.resolve(List.of(object("secret-with-references.yaml"))).get(0);

    assertThat(before.digest()).isNotEqualTo(object("secret-with-references.yaml").digest());
    assertThat(after.digest()).isNotEqualTo(before.digest());
  }

  @Test
  void fetchesEachDistinctSecretOnceAndReusesItWithinTheCacheLifetime() {
    List<DesiredObject> objects = List.of(object("secret-with-references.yaml"),
        object("deployment-with-reference.yaml"), object("secret-annotated.yaml"));

    resolver.resolve(objects);
    assertThat(store.batches).hasSize(1);
    assertThat(store.batches.get(0)).containsExactlyInAnyOrder(SecretVersion.current("prod/db"),
        SecretVersion.current("prod/token"), SecretVersion.current("prod/api"),
        new SecretVersion("prod/token", "AWSPREVIOUS", null));

    clock.advance(Duration.ofMinutes(4));
    resolver.resolve(objects);
    assertThat(store.batches).hasSize(1);

    clock.advance(Duration.ofMinutes(2));
    resolver.resolve(objects);
    assertThat(store.batches).hasSize(2);
  }

  @Test
  void leavesObjectsWithoutReferencesUntouchedAndAsksForNothing() {
    DesiredObject cm = DesiredObject.of(new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("ConfigMap").withNewMetadata().withName("x").endMetadata().build(), "x.yaml");

    assertThat(resolver.resolve(List.of(cm))).containsExactly(cm);
    assertThat(store.batches).isEmpty();
  }

  @Test
  void aMissingJsonKeyNamesObjectFieldAndReferenceAndResolvesNothing() {
    List<DesiredObject> objects = List.of(object("secret-with-references.yaml"), object("secret-missing-key.yaml"));

    assertThatThrownBy(() -> resolver.resolve(objects))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("Secret shop/db: stringData.user: {{resolve:secretsmanager:prod/db:SecretString:username}}:"
            + " JSON key username not found in secret prod/db");
  }

  @Test
  void aMissingSecretNamesObjectFieldAndReference() {
    assertThatThrownBy(() -> resolver.resolve(List.of(object("secret-missing-secret.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("ConfigMap shop/settings: data.endpoint: {{resolve:secretsmanager:prod/absent:SecretString:host}}:"
            + " secret prod/absent not found");
  }

  @Test
  void aJsonKeyOfASecretThatIsNotJsonIsAnErrorWithoutTheValue() {
    store.put("prod/db", null, "not json at all: hunter2");

    assertThatThrownBy(() -> resolver.resolve(List.of(object("secret-missing-key.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("Secret shop/db: stringData.user: {{resolve:secretsmanager:prod/db:SecretString:username}}:"
            + " secret prod/db is not a JSON object")
        .hasNoCause();
  }

  @Test
  void aReferenceInsideALongerDataValueIsRefused() {
    assertThatThrownBy(() -> resolver.resolve(List.of(object("secret-embedded-in-data.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("Secret shop/db: data.password: {{resolve:secretsmanager:prod/db:SecretString:password}}:"
            + " a reference in a Secret's data must be the whole value (data values are base64); use stringData");
  }

  @Test
  void anotherServicesReferenceIsRefusedRatherThanAppliedAsText() {
    assertThatThrownBy(() -> resolver.resolve(List.of(object("configmap-ssm-reference.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("ConfigMap shop/settings: data.region: {{resolve:ssm:/prod/region}}:"
            + " only secretsmanager references are supported, not ssm");
  }

  @Test
  void aReferenceWithBothStageAndVersionIdIsRefused() {
    assertThatThrownBy(() -> resolver.resolve(List.of(object("configmap-both-stage-and-id.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessageEndingWith(": give a version stage or a version id, not both");
  }

  @Test
  void anAnnotatedSecretThatDoesNotExistNamesTheAnnotation() {
    store.values.remove(SecretVersion.current("prod/db"));

    assertThatThrownBy(() -> resolver.resolve(List.of(object("secret-annotated.yaml"))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("Secret shop/db-all: metadata.annotations[driftless.dev/secretsmanager]: secret prod/db not found");
  }

  @Test
  void theResolutionsMaskerHidesEveryValueThatWentIn() {
    SecretResolver.Resolution r = resolver.resolveAll(List.of(object("secret-with-references.yaml")));

    String masked = r.masker().mask(r.objects().get(0).object()).toString();
    assertThat(masked).doesNotContain("s3cr3t-pw", "tok-current", "api-key-1", "YXBpLWtleS0x")
        .contains(SecretMasker.placeholder("s3cr3t-pw"));
  }

  @Test
  void aReferenceToDriftlesssOwnCredentialsIsRefusedBeforeAnySecretIsRead() {
    store.put("driftless/clusters/prod-token", null, "cluster-token-canary");
    SecretResolver deployed = new SecretResolver(store, clock, SecretResolverOptions.defaults());
    DesiredObject exfiltration = configMapInTeamA("leak", """
        ok: "{{resolve:secretsmanager:driftless/refs/team-a/db}}"
        token: "{{resolve:secretsmanager:driftless/clusters/prod-token}}"
        """);

    assertThatThrownBy(() -> deployed.resolve(List.of(exfiltration)))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("ConfigMap team-a/leak: data.token: {{resolve:secretsmanager:driftless/clusters/prod-token}}:"
            + " secret driftless/clusters/prod-token is outside driftless/refs/: references may name only secrets"
            + " under that prefix")
        .hasMessageNotContaining("cluster-token-canary");
    assertThat(store.batches).isEmpty();
  }

  @Test
  void referencesThatLeaveTheReferencePrefixByArnOrByDotsOrByAnnotationAreRefused() {
    SecretResolver deployed = new SecretResolver(store, clock, SecretResolverOptions.defaults());
    for (String id : List.of("arn:aws:secretsmanager:eu-west-1:111122223333:secret:driftless/git/acme-AbCdEf",
        "driftless/refs/../clusters/prod-token", "driftless/refs/", "driftless/refsx/db", "driftless/webhooks/x")) {
      DesiredObject byReference = configMapInTeamA("leak", "v: \"{{resolve:secretsmanager:" + id + "}}\"\n");
      assertThatThrownBy(() -> deployed.resolve(List.of(byReference)))
          .as(id).isInstanceOf(SecretResolutionException.class).hasMessageContaining("is outside driftless/refs/");
    }
    DesiredObject byAnnotation = SecretFixtures.parse("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: leak
          namespace: team-a
          annotations: {driftless.dev/secretsmanager: driftless/clusters/prod-kubeconfig}
        """);
    assertThatThrownBy(() -> deployed.resolve(List.of(byAnnotation)))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessageStartingWith("Secret team-a/leak: metadata.annotations[driftless.dev/secretsmanager]: secret "
            + "driftless/clusters/prod-kubeconfig is outside driftless/refs/");
    assertThat(store.batches).isEmpty();
  }

  @Test
  void aReferenceUnderTheReferencePrefixByNameOrArnResolves() {
    store.put("driftless/refs/team-a/db", null, "fine")
        .put("arn:aws:secretsmanager:eu-west-1:111122223333:secret:driftless/refs/team-a/api-AbCdEf", null, "ok");
    SecretResolver deployed = new SecretResolver(store, clock, SecretResolverOptions.defaults());
    DesiredObject cm = configMapInTeamA("fine", """
        a: "{{resolve:secretsmanager:driftless/refs/team-a/db}}"
        b: "{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:111122223333:secret:driftless/refs/team-a/api-AbCdEf}}"
        """);

    assertThat(field(deployed.resolve(List.of(cm)).get(0), "data")).isEqualTo(Map.of("a", "fine", "b", "ok"));
  }

  @Test
  void aReferenceOutsideTheProjectsScopeIsRefusedBeforeAnySecretIsReadByNameArnOrAnnotation() {
    store.put("driftless/refs/team-a/db", null, "fine").put("driftless/refs/team-b/db", null, "team-b-canary");
    SecretResolver deployed = new SecretResolver(store, clock, SecretResolverOptions.defaults());
    ReferenceScope teamA = new ReferenceScope("project team-a", List.of("driftless/refs/team-a/"));
    DesiredObject crossTeam = configMapInTeamA("leak", """
        ok: "{{resolve:secretsmanager:driftless/refs/team-a/db}}"
        other: "{{resolve:secretsmanager:driftless/refs/team-b/db}}"
        """);

    assertThatThrownBy(() -> deployed.resolveAll(List.of(crossTeam), teamA))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("ConfigMap team-a/leak: data.other: {{resolve:secretsmanager:driftless/refs/team-b/db}}: secret "
            + "driftless/refs/team-b/db is outside the reference prefixes of project team-a [driftless/refs/team-a/]:"
            + " references may name only secrets under them");
    DesiredObject byArn = configMapInTeamA("leak", "v: \"{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:"
        + "111122223333:secret:driftless/refs/team-b/db-AbCdEf}}\"\n");
    assertThatThrownBy(() -> deployed.resolveAll(List.of(byArn), teamA)).hasMessageContaining("project team-a");
    DesiredObject byAnnotation = SecretFixtures.parse("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: leak
          namespace: team-a
          annotations: {driftless.dev/secretsmanager: driftless/refs/team-b/db}
        """);
    assertThatThrownBy(() -> deployed.resolveAll(List.of(byAnnotation), teamA)).hasMessageContaining("project team-a");
    assertThat(store.batches).isEmpty();
    assertThat(field(deployed.resolveAll(List.of(configMapInTeamA("fine",
        "a: \"{{resolve:secretsmanager:driftless/refs/team-a/db}}\"\n")), teamA).objects().get(0), "data"))
        .isEqualTo(Map.of("a", "fine"));
  }

  /** A ConfigMap {@code name} in namespace team-a whose data is the YAML mapping given. */
  private static DesiredObject configMapInTeamA(String name, String data) {
    return SecretFixtures.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name
        + ", namespace: team-a}\ndata:\n" + data.indent(2));
  }
}
