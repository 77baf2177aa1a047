package dev.driftless.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.DesiredObject;
import dev.driftless.testkit.AwsEndpoints;
import dev.driftless.testkit.LocalAws;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;

/** Secret resolution against the moto Secrets Manager emulator, through the real SDK client. */
@LocalAws
class SecretResolverIT {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(new ObjectMapper(), false);

  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sdk;
  private SecretsManagerClient client;
  private Counting counting;
  private String prefix;

  @BeforeEach
  void clients(AwsEndpoints endpoints) {
    sdk = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
    client = new SecretsManagerClient(sdk);
    counting = new Counting(client);
    prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @AfterEach
  void close() {
    sdk.close();
  }

  private String create(String name, String value) {
    return sdk.createSecret(r -> r.name(prefix + name).secretString(value)).arn();
  }

  private DesiredObject object(String yaml) {
    return DesiredObject.of(SERIALIZATION.unmarshal(yaml.replace("${p}", prefix), GenericKubernetesResource.class),
        "test.yaml");
  }

  private SecretResolver resolver() {
    return new SecretResolver(counting, Clock.systemUTC(), SecretResolverOptions.defaults().withReferencePrefix(prefix));
  }

  private static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData:
        password: "{{resolve:secretsmanager:${p}db:SecretString:password}}"
        url: "postgres://app:{{resolve:secretsmanager:${p}db:SecretString:password}}@db/orders"
        token: "{{resolve:secretsmanager:${p}token}}"
      """;

  @Test
  void resolvesFromSecretsManagerFetchingEachSecretOnceInOneBatch() {
    create("db", "{\"password\":\"pw-moto-1\"}");
    create("token", "tok-moto-1");
    DesiredObject annotated = object("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: all
          namespace: shop
          annotations: {driftless.dev/secretsmanager: ${p}db}
        """);

    List<DesiredObject> out = resolver().resolve(List.of(object(SECRET), annotated));

    assertThat(out.get(0).object().getAdditionalProperties().get("stringData")).isEqualTo(Map.of(
        "password", "pw-moto-1", "url", "postgres://app:pw-moto-1@db/orders", "token", "tok-moto-1"));
    assertThat(out.get(1).object().getAdditionalProperties().get("stringData")).isEqualTo(Map.of("password", "pw-moto-1"));
    assertThat(counting.asked).hasSize(1);
    assertThat(counting.asked.get(0)).hasSize(2);
    assertThat(client.batchRefused()).as("moto answers BatchGetSecretValue").isFalse();
    assertThat(sdk.batchGetSecretValue(r -> r.secretIdList(prefix + "db", prefix + "token")).secretValues())
        .extracting(e -> e.name()).as("the batch answer names the ids asked for, so nothing is fetched twice")
        .containsExactlyInAnyOrder(prefix + "db", prefix + "token");
  }

  @Test
  void resolvesAnArnReference() {
    String arn = create("arn-db", "{\"password\":\"pw-by-arn\"}");
    DesiredObject cm = object("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: by-arn, namespace: shop}
        data: {password: "{{resolve:secretsmanager:ARN:SecretString:password::}}"}
        """.replace("ARN", arn));

    DesiredObject out = resolver().resolve(List.of(cm)).get(0);

    assertThat(out.object().getAdditionalProperties().get("data")).isEqualTo(Map.of("password", "pw-by-arn"));
  }

  @Test
  void aRotatedValueIsResolvedAndChangesTheDigestWhileStagesAndVersionIdsReadTheirOwnVersions() {
    create("db", "{\"password\":\"pw-before\"}");
    create("token", "tok-before");
    DesiredObject before = resolver().resolve(List.of(object(SECRET))).get(0);

    PutSecretValueResponse rotated = sdk.putSecretValue(r -> r.secretId(prefix + "db")
        .secretString("{\"password\":\"pw-after\"}"));
    DesiredObject after = resolver().resolve(List.of(object(SECRET))).get(0);

    assertThat(after.object().getAdditionalProperties().get("stringData").toString()).contains("password=pw-after");
    assertThat(after.digest()).isNotEqualTo(before.digest());

    sdk.putSecretValue(r -> r.secretId(prefix + "db").secretString("{\"password\":\"pw-blue\"}")
        .versionStages("BLUE"));
    DesiredObject staged = resolver().resolve(List.of(object("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: stages, namespace: shop}
        data:
          previous: "{{resolve:secretsmanager:${p}db:SecretString:password:AWSPREVIOUS}}"
          blue: "{{resolve:secretsmanager:${p}db:SecretString:password:BLUE}}"
          byId: "{{resolve:secretsmanager:${p}db:SecretString:password::VERSION}}"
        """.replace("VERSION", rotated.versionId())))).get(0);

    assertThat(staged.object().getAdditionalProperties().get("data")).isEqualTo(Map.of(
        "previous", "pw-before", "blue", "pw-blue", "byId", "pw-after"));
  }

  @Test
  void aRevalidatingResolveReadsARotatedSecretTheCacheStillHoldsAndTakesTheOthersFromTheCache() {
    create("db", "{\"password\":\"pw-1\"}");
    create("token", "tok-1");
    SecretResolver resolver = resolver();
    resolver.resolveAll(List.of(object(SECRET)));
    sdk.putSecretValue(r -> r.secretId(prefix + "token").secretString("tok-2"));
    int asked = counting.asked.size();

    assertThat(stringData(resolver.resolveAll(List.of(object(SECRET)), null, false))).containsEntry("token", "tok-1");
    assertThat(counting.asked).as("from the cache").hasSize(asked);

    SecretResolver.Resolution fresh = resolver.resolveAll(List.of(object(SECRET)), null, true);
    assertThat(stringData(fresh)).containsEntry("token", "tok-2").containsEntry("password", "pw-1");
    assertThat(counting.asked).hasSize(asked + 1);
    assertThat(counting.asked.get(asked)).as("the rotated secret alone is read again")
        .containsExactly(SecretVersion.current(prefix + "token"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringData(SecretResolver.Resolution r) {
    return (Map<String, Object>) r.objects().get(0).object().getAdditionalProperties().get("stringData");
  }

  @Test
  void aMissingSecretInSecretsManagerIsAnErrorNamingObjectFieldAndReference() {
    create("db", "{\"password\":\"pw\"}");

    assertThatThrownBy(() -> resolver().resolve(List.of(object(SECRET))))
        .isInstanceOf(SecretResolutionException.class)
        .hasMessage("Secret shop/db: stringData.token: {{resolve:secretsmanager:" + prefix + "token}}: secret "
            + prefix + "token not found");
  }

  @Test
  void secretValuesNeverReachMessagesToStringOrOutput() {
    String password = "pw-" + UUID.randomUUID();
    String token = "tok-" + UUID.randomUUID();
    String notJson = "raw-" + UUID.randomUUID();
    create("db", "{\"password\":\"" + password + "\"}");
    create("token", token);
    create("raw", notJson);
    List<String> produced = new ArrayList<>();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      LoggerFactory.getLogger(SecretResolverIT.class).info("resolving secrets for the leak test");
      SecretResolver resolver = resolver();
      SecretResolver.Resolution r = resolver.resolveAll(List.of(object(SECRET)));
      produced.add(r.toString());
      produced.add(r.objects().toString());
      produced.add(r.masker().mask(r.objects().get(0).object()).toString());
      produced.add(r.masker().mask(SERIALIZATION.asYaml(r.objects().get(0).object())));
      produced.add(client.secretStrings(List.of(SecretVersion.current(prefix + "db"))).toString());
      produced.add(resolver.toString());
      for (String bad : List.of(
          "{{resolve:secretsmanager:${p}raw:SecretString:password}}",
          "{{resolve:secretsmanager:${p}db:SecretString:missing}}",
          "prefix-{{resolve:secretsmanager:${p}token}}")) {
        try {
          resolver.resolve(List.of(object("""
              apiVersion: v1
              kind: Secret
              metadata: {name: bad, namespace: shop}
              data: {x: "BAD"}
              """.replace("BAD", bad))));
          produced.add("no error for " + bad);
        } catch (RuntimeException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            produced.add(String.valueOf(t.getMessage()));
            produced.add(t.toString());
          }
        }
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    produced.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(produced).noneMatch(s -> s.contains(password) || s.contains(token) || s.contains(notJson));
    assertThat(String.join("\n", produced)).contains("not a JSON object", "JSON key missing not found",
        "must be the whole value", "resolving secrets for the leak test", SecretMasker.placeholder(password));
  }

  /** Delegates to the real client and records each batch asked for. */
  private static final class Counting implements SecretsClient {
    private final SecretsClient delegate;
    private final List<Collection<SecretVersion>> asked = new ArrayList<>();

    Counting(SecretsClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<String> secretString(String id, String versionStage, String versionId) {
      return delegate.secretString(id, versionStage, versionId);
    }

    @Override
    public SecretValues secretStrings(Collection<SecretVersion> versions) {
      asked.add(List.copyOf(versions));
      return delegate.secretStrings(versions);
    }

    @Override
    public Map<SecretVersion, String> currentVersionIds(Collection<SecretVersion> versions) {
      return delegate.currentVersionIds(versions);
    }
  }
}
