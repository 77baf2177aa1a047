package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What reaches helm's command line from an Application, a repository or a cluster: checked before helm runs
 * (the helm binary here does not exist, so a value that got through would fail differently), and never in a
 * place where helm could read it as a flag.
 */
class HelmCommandLineSecurityTest {

  private final Renderer renderer = new Renderer();
  private final RenderOptions options = RenderOptions.defaults()
      .withTools(Path.of("/nonexistent/kustomize"), Path.of("/nonexistent/helm"));

  @ParameterizedTest
  @ValueSource(strings = {"--post-renderer=/bin/sh", "--post-renderer /bin/sh", "-h", "Web", "web..shop", "web.",
      "a-release-name-that-is-longer-than-helms-limit-of-53-c"})
  void releaseNameThatIsNotAHelmReleaseNameIsRefusedNamingTheField(String release) {
    Application app = Fixtures.helmApp("apps/web", release, List.of(), null, Map.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-chart"), app, options))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/web (helm): spec.source.helm.releaseName " + release
            + " refused: must be a DNS subdomain name of at most 53 characters");
  }

  @Test
  void namespaceLookingLikeAFlagIsRefusedNamingTheField() {
    Application app = new Application("web", "default", Fixtures.app("apps/web").source(),
        new Application.Destination("c1", "--post-renderer=/bin/sh"), null, List.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-chart"), app, options))
        .hasMessage("apps/web (helm): spec.destination.namespace --post-renderer=/bin/sh refused: must be a DNS label");
  }

  @Test
  void clusterVersionLookingLikeAFlagIsRefused() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-chart"), Fixtures.app("apps/web"),
        options.withKubeVersion("--post-renderer=/bin/sh")))
        .hasMessage("apps/web (helm): the destination cluster's Kubernetes version --post-renderer=/bin/sh refused:"
            + " not a version like v1.34.4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--post-renderer", "a=b", "a,b=c", "-x", " image.tag"})
  void parameterNameThatCouldSetAnythingElseIsRefused(String name) {
    Application app = Fixtures.helmApp("apps/web", null, List.of(), null, Map.of(name, "v"));

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-chart"), app, options))
        .hasMessage("apps/web (helm): spec.source.helm.parameters name " + name
            + " refused: must be a helm value path");
  }

  @Test
  void absoluteValueFileIsRefused() {
    Application app = Fixtures.helmApp("app", null, List.of("/etc/passwd"), null, Map.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-escaping-values/repo"), app, options))
        .hasMessage("app (helm): spec.source.helm.valueFiles /etc/passwd resolves outside the repository");
  }

  @Test
  void valueFileClimbingOutOfTheRepositoryIsRefused() {
    Application app = Fixtures.helmApp("app", null, List.of("../../etc/passwd"), null, Map.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-escaping-values/repo"), app, options))
        .hasMessage("app (helm): spec.source.helm.valueFiles ../../etc/passwd resolves outside the repository");
  }

  @Test
  void valueFileLinkedOutOfTheRepositoryIsRefused(@TempDir Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path chart = Files.createDirectories(repo.resolve("app"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
    Files.createDirectories(repo.resolve("shared"));
    Files.writeString(tmp.resolve("outside.yaml"), "stolen: true\n");
    Files.createSymbolicLink(repo.resolve("shared/values.yaml"), tmp.resolve("outside.yaml"));
    Application app = Fixtures.helmApp("app", null, List.of("../shared/values.yaml"), null, Map.of());

    assertThatThrownBy(() -> renderer.render(repo, app, options))
        .hasMessage("app (helm): spec.source.helm.valueFiles ../shared/values.yaml: resolves outside the repository"
            + " (through a symbolic link)");
  }

  @Test
  void everyValuePassesInsideItsFlagAndTheReleaseAndChartAfterTheEndOfFlags() {
    RepositoryPaths repo = RepositoryPaths.of(Fixtures.dir("helm-chart"));
    Path chart = repo.appDirectory("apps/web");
    Application app = Fixtures.helmApp("apps/web", "shop-web", List.of("env/prod.yaml"), "size: large\n",
        Map.of("greeting", "hi, there"));

    try (ToolHome home = ToolHome.create("test")) {
      List<String> command = HelmArguments.command(repo, chart, app, options.withKubeVersion("v1.34.4"), home,
          "apps/web (helm)");

      assertThat(command).containsExactly("/nonexistent/helm", "template", "--include-crds", "--namespace=shop",
          "--kube-version=v1.34.4", "--values=" + chart.resolve("env/prod.yaml"),
          "--values=" + home.dir().resolve("inline-values.yaml"), "--set=greeting=hi\\, there", "--", "shop-web",
          chart.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$values/../outside.yaml", "$values/link/outside.yaml"})
  void aValueFileOfAnotherSourceThatLeavesItsRepositoryIsRefusedForAStoredApplication(String valueFile,
      @TempDir Path tmp) throws IOException {
    Path values = Files.createDirectories(tmp.resolve("values"));
    Files.writeString(tmp.resolve("outside.yaml"), "secret: outside\n");
    Files.createSymbolicLink(values.resolve("link"), tmp);
    Application app = Fixtures.helmApp("apps/web", null, List.of(valueFile), null, Map.of());

    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-chart"), app, options, Map.of("values", values)))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("apps/web (helm): spec.source.helm.valueFiles " + valueFile)
        .hasMessageContaining("outside the repository $values names");
  }

  @Test
  void aValueFileOfAnotherSourceIsReadFromThatSourcesRepository(@TempDir Path tmp) throws IOException {
    Path values = Files.createDirectories(tmp.resolve("values/env"));
    Files.writeString(values.resolve("prod.yaml"), "greeting: from-values\n");
    RepositoryPaths repo = RepositoryPaths.of(Fixtures.dir("helm-chart"));
    Application app = Fixtures.helmApp("apps/web", "web", List.of("$values/env/prod.yaml"), null, Map.of());

    try (ToolHome home = ToolHome.create("test")) {
      List<String> command = HelmArguments.command(repo, repo.appDirectory("apps/web"), app, options, home,
          "apps/web (helm)", Map.of("values", tmp.resolve("values")));

      assertThat(command).contains("--values=" + values.resolve("prod.yaml").toRealPath());
    }
  }
}
