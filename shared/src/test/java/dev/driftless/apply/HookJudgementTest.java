package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftless.health.Health;
import dev.driftless.health.HealthAssessor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hook is judged by the health assessors, not by a rule of its own: every YAML file in
 * {@code src/test/resources/hooks/} is a live hook object whose {@code # expect: STATUS} line is how the hook
 * ended (SUCCEEDED, FAILED, or RUNNING: the continued operation waits on it again).
 */
class HookJudgementTest {

  private static final Pattern EXPECT = Pattern.compile("(?m)^#\\s*expect:\\s*(\\w+)\\s*$");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final HealthAssessor assessor = new HealthAssessor();

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(HookJudgementTest.class.getResource("/hooks")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void hookEndsAsItsHealthSays(String fixture) throws Exception {
    String text = Files.readString(Path.of(Objects.requireNonNull(getClass().getResource("/hooks/" + fixture)).toURI()));
    Matcher expect = EXPECT.matcher(text);
    assertThat(expect.find()).as("%s has an '# expect: STATUS' line", fixture).isTrue();
    Health health = assessor.assess(YAML.readValue(text, GenericKubernetesResource.class));

    assertThat(HookRunner.Status.of(health)).as("%s: %s", fixture, health)
        .isEqualTo(HookRunner.Status.valueOf(expect.group(1)));
  }

  @Test
  void aHookThatIsGoneWhileWaitedOnFailed() {
    assertThat(HookRunner.Status.of(assessor.assess(null))).isEqualTo(HookRunner.Status.FAILED);
  }
}
