package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file directly in {@code src/test/resources/health/} is one case: its {@code # expect: STATUS}
 * line is the health the assessor must give it, and an optional {@code # message: text} line a text the
 * message must contain. Adding a fixture adds a case.
 */
class HealthAssessorTest {

  private static final Pattern EXPECT = Pattern.compile("(?m)^#\\s*expect:\\s*(\\w+)\\s*$");
  private static final Pattern MESSAGE = Pattern.compile("(?m)^#\\s*message:\\s*(.+?)\\s*$");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final HealthAssessor assessor = new HealthAssessor();

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(HealthAssessorTest.class.getResource("/health")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .map(f -> f.getFileName().toString()).sorted().toList();
      assertThat(names).hasSizeGreaterThan(30);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureIsAssessedAsItsExpectLineSays(String fixture) throws Exception {
    String text = Files.readString(Path.of(
        Objects.requireNonNull(getClass().getResource("/health/" + fixture)).toURI()));
    Matcher expect = EXPECT.matcher(text);
    assertThat(expect.find()).as("%s has an '# expect: STATUS' line", fixture).isTrue();
    HealthStatus expected = HealthStatus.valueOf(expect.group(1));
    GenericKubernetesResource live = YAML.readValue(text, GenericKubernetesResource.class);

    Health health = assessor.assess(live);

    assertThat(health.status()).as("%s: %s", fixture, health).isEqualTo(expected);
    Matcher message = MESSAGE.matcher(text);
    if (message.find()) {
      assertThat(health.message()).as(fixture).contains(message.group(1));
    }
  }

  @Test
  void noLiveObjectIsMissing() {
    assertThat(assessor.assess(null).status()).isEqualTo(HealthStatus.MISSING);
  }

  @Test
  void fieldsOfTheWrongTypeGiveUnknownOrAReadableResultInsteadOfThrowing() throws Exception {
    GenericKubernetesResource odd = YAML.readValue("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, generation: 1}
        spec: {replicas: many}
        status: {observedGeneration: [1], conditions: "none"}
        """, GenericKubernetesResource.class);

    Health health = assessor.assess(odd);

    assertThat(health.status()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(health.message()).contains("observed generation 0");
  }

  @Test
  void healthPrintsStatusWordAndReason() {
    assertThat(Health.progressing("Waiting for rollout to finish").toString())
        .isEqualTo("Progressing: Waiting for rollout to finish");
    assertThat(Health.healthy(null).toString()).isEqualTo("Healthy");
  }
}
