package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The crash check runs only when its schedule's event names {@link DriftScanHandler#CRASH_CHECK} as its source.
 * The schedules are declared outside this module (template.yaml, and the CDK app, which cannot depend on the
 * functions): this test ties the handler's marker to template.yaml, and infra's TemplateParityTest ties
 * template.yaml to the CDK app's, so a marker changed in one place alone fails a test.
 */
class CrashCheckSourceTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theCrashCheckScheduleInTemplateYamlSendsTheSourceTheScanHandlerRecognises() throws IOException {
    JsonNode resources = YAML.readTree(TestTools.findRepoRoot().resolve("template.yaml").toFile()).path("Resources");
    JsonNode scan = StreamSupport.stream(resources.spliterator(), false)
        .filter(r -> r.path("Properties").path("Handler").asText().startsWith(DriftScanHandler.class.getName()))
        .findFirst().orElseThrow(() -> new AssertionError("template.yaml: no function runs DriftScanHandler"));
    String input = scan.path("Properties").path("Events").path("CrashCheck").path("Properties").path("Input").asText();
    assertThat(new ObjectMapper().readTree(input).path("source").asText()).isEqualTo(DriftScanHandler.CRASH_CHECK);
  }
}
