package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A release name is helm's first positional argument: spelt as a flag, {@code --post-renderer=/bin/sh} would
 * make helm pipe the rendered chart into a shell inside the sync function. The chart here renders to a shell
 * script that creates a marker file.
 */
class HelmReleaseNameSecurityIT {

  private static final RenderOptions OPTIONS = Fixtures.realTools();
  private final Renderer renderer = new Renderer();

  @ParameterizedTest
  @ValueSource(strings = {"--post-renderer=/bin/sh", "--post-renderer /bin/sh"})
  void releaseNameLookingLikeAFlagRunsNothing(String release, @TempDir Path tmp) {
    Path marker = tmp.resolve("post-renderer-ran");
    Application app = Fixtures.helmApp("app", release, List.of(), "marker: " + marker + "\n", Map.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-shell-output"), app, OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (helm): spec.source.helm.releaseName " + release
            + " refused: must be a DNS subdomain name of at most 53 characters");
    assertThat(marker).doesNotExist();
  }

  @Test
  void theSameChartWithAValidReleaseNameRendersTheScriptAsData(@TempDir Path tmp) {
    Path marker = tmp.resolve("post-renderer-ran");
    Application app = Fixtures.helmApp("app", "shell", List.of(), "marker: " + marker + "\n", Map.of());

    List<DesiredObject> objects = renderer.render(Fixtures.dir("helm-shell-output"), app, OPTIONS);

    assertThat(objects).singleElement().satisfies(o -> assertThat(o.object().getAdditionalProperties().get("data"))
        .isEqualTo(Map.of("run", "x; touch " + marker)));
    assertThat(marker).doesNotExist();
  }
}
