package dev.driftless.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

class HealthConfigTest {

  @Test
  @SuppressWarnings("unchecked")
  void theRulesReachTheSyncAndApiFunctionsAsALayerFileNamedByTheVariable(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("health.yaml"), "health: []\n");
    DriftlessStack stack = TestAssets.stack(TestAssets.app(), p -> p);

    HealthConfig.attach(stack.driftless(), file);

    TemplateView view = new TemplateView(Template.fromStack(stack).toJSON());
    assertThat(view.ofType("AWS::Lambda::LayerVersion").values()).anySatisfy(layer ->
        assertThat(TemplateView.props(layer).get("Description")).asString().contains(HealthConfig.FILE));
    view.ofType("AWS::Lambda::Function").values().forEach(fn -> {
      Map<String, Object> p = TemplateView.props(fn);
      Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
      boolean engine = List.of(FunctionKind.SYNC.handler(), FunctionKind.API.handler()).contains(p.get("Handler"));
      if (engine) {
        assertThat(vars).containsEntry(HealthConfig.ENV, HealthConfig.FILE);
        assertThat((List<Object>) p.get("Layers")).as("tools and health layers").hasSize(2);
      } else {
        assertThat(vars).doesNotContainKey(HealthConfig.ENV);
      }
    });
  }

  @Test
  void aMissingFileStopsTheSynthNamingTheContextKey(@TempDir Path dir) {
    DriftlessStack stack = TestAssets.stack(TestAssets.app(), p -> p);

    assertThatThrownBy(() -> HealthConfig.attach(stack.driftless(), dir.resolve("nope.yaml")))
        .hasMessageStartingWith("context driftless:healthConfig='" + dir.resolve("nope.yaml") + "': no such file");
  }
}
