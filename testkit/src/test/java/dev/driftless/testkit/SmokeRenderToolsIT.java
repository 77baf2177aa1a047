package dev.driftless.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pinned kustomize and helm binaries render small fixtures. */
class SmokeRenderToolsIT {

  private final TestTools tools = TestTools.load();
  private final Path fixtures = tools.repoRoot().resolve("testkit/src/test/resources/fixtures");

  @Test
  void kustomizeBuildsAnOverlayOverABase() {
    String out = Processes.run(List.of(tools.kustomize().toString(), "build", "overlay"),
        fixtures.resolve("kustomize"), Duration.ofSeconds(60));
    assertThat(out).contains("name: prod-web").contains("replicas: 3").contains("namespace: shop");
  }

  @Test
  void helmTemplateRendersAChartWithValuesAndTheReleaseName() {
    String out = Processes.run(List.of(tools.helm().toString(), "template", "shop", "chart",
        "--namespace", "shop", "--set", "replicas=4", "--kube-version", "1.34.4"),
        fixtures.resolve("helm"), Duration.ofSeconds(60));
    assertThat(out).contains("name: shop-web").contains("replicas: 4").contains("kubeVersion: v1.34.4");
  }
}
