package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml (SAM, for local work) and the CDK app (for deploys) must describe the same functions: same
 * handlers, runtime, architecture, memory, timeout, environment variable names and tools layer.
 */
class TemplateParityTest {

  /** What must match between the two templates, per function handler. */
  record FunctionShape(String runtime, Object architectures, int memory, int timeout, Set<String> environment,
      boolean hasLayers, String snapStart) {}

  private static Map<String, FunctionShape> sam;
  private static TemplateView samView;
  private static Map<String, FunctionShape> cdk;
  private static TemplateView cdkView;

  @BeforeAll
  static void read() throws IOException {
    Path file = DeployAssets.repoRoot(Path.of("")).resolve("template.yaml");
    @SuppressWarnings("unchecked")
    Map<String, Object> samTemplate = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Map.class);
    samView = new TemplateView(samTemplate);
    sam = shapes(samView, "AWS::Serverless::Function");
    cdkView = new TemplateView(TestAssets.template(p -> p).toJSON());
    cdk = shapes(cdkView, "AWS::Lambda::Function");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, FunctionShape> shapes(TemplateView view, String type) {
    Map<String, FunctionShape> out = new TreeMap<>();
    view.ofType(type).forEach((id, r) -> {
      Map<String, Object> p = TemplateView.props(r);
      Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
      Map<String, Object> snap = (Map<String, Object>) p.get("SnapStart");
      out.put((String) p.get("Handler"), new FunctionShape((String) p.get("Runtime"), p.get("Architectures"),
          ((Number) p.get("MemorySize")).intValue(), ((Number) p.get("Timeout")).intValue(),
          new TreeSet<>(vars.keySet()), p.containsKey("Layers"), snap == null ? null : (String) snap.get("ApplyOn")));
    });
    return out;
  }

  @Test
  void samTemplateHasTheSameFiveHandlersAsTheCdkApp() {
    assertThat(sam.keySet()).hasSize(5).isEqualTo(cdk.keySet());
  }

  @Test
  void samTemplateFunctionsMatchTheCdkFunctionsInRuntimeSizeEnvironmentAndLayers() {
    cdk.forEach((handler, shape) -> assertThat(sam.get(handler)).as(handler).isEqualTo(shape));
  }

  @Test
  @SuppressWarnings("unchecked")
  void samTemplateSchedulesTheCrashCheckEveryMinuteWithTheSameInputAsTheCdkApp() {
    Map<String, Object> scan = samView.ofType("AWS::Serverless::Function").values().stream().map(TemplateView::props)
        .filter(p -> FunctionKind.DRIFT_SCAN.handler().equals(p.get("Handler"))).findFirst().orElseThrow();
    Map<String, Object> samCheck = TemplateView.props(
        (Map<String, Object>) ((Map<String, Object>) scan.get("Events")).get("CrashCheck"));
    Map<String, Object> cdkCheck = cdkView.ofType("AWS::Events::Rule").values().stream().map(TemplateView::props)
        .filter(p -> "rate(1 minute)".equals(p.get("ScheduleExpression"))).findFirst().orElseThrow();
    Map<String, Object> target = ((List<Map<String, Object>>) cdkCheck.get("Targets")).get(0);
    assertThat(samCheck).containsEntry("Schedule", "rate(1 minute)")
        .containsEntry("Input", target.get("Input"));
    assertThat((String) target.get("Input")).contains(Driftless.CRASH_CHECK);
  }

  @Test
  void samTemplateDeploysEachHandlerFromTheJarTheCdkAppGivesIt() {
    for (FunctionKind k : FunctionKind.values()) {
      String handler = k.handler();
      assertThat(samView.ofType("AWS::Serverless::Function").values().stream().map(TemplateView::props)
          .filter(p -> handler.equals(p.get("Handler"))).map(p -> p.get("CodeUri")))
          .as(handler).containsExactly("functions/target/" + k.jar());
    }
  }

  @Test
  void samTemplateUsesLongFormIntrinsicsOnly() throws IOException {
    String text = Files.readString(DeployAssets.repoRoot(Path.of("")).resolve("template.yaml"));
    assertThat(text).doesNotContainPattern("(?m)(:|-)\\s+!(Ref|GetAtt|Sub|Join|If|Select|Split|Equals)\\b")
        .as("YAML anchors are not understood by CloudFormation").doesNotContainPattern("(?m):\\s+[&*]\\w+");
  }
}
