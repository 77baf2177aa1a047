package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.kustomize.RemoteReference;
import dev.driftless.model.Application;
import dev.driftless.model.Application.RenderKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is decided and refused before any tool runs: kind detection, remote and escaping references, flags. */
class RenderPrecheckTest {

  private final Renderer renderer = new Renderer();
  // Tools that do not exist: every test here must fail before a tool would run.
  private final RenderOptions options = RenderOptions.defaults()
      .withTools(Path.of("/nonexistent/kustomize"), Path.of("/nonexistent/helm"));

  @Test
  void detectsKustomizeHelmAndPlainFromTheFiles() {
    assertThat(Renderer.kind(Fixtures.app("x"), Fixtures.dir("kustomize-overlay/overlays/prod")))
        .isEqualTo(RenderKind.KUSTOMIZE);
    assertThat(Renderer.kind(Fixtures.app("x"), Fixtures.dir("helm-chart/apps/web"))).isEqualTo(RenderKind.HELM);
    assertThat(Renderer.kind(Fixtures.app("x"), Fixtures.dir("plain-multi"))).isEqualTo(RenderKind.PLAIN);
  }

  @Test
  void aDeclaredKindWinsOverDetection() {
    Application plain = Fixtures.app("x", RenderKind.PLAIN, null, null);
    assertThat(Renderer.kind(plain, Fixtures.dir("helm-chart/apps/web"))).isEqualTo(RenderKind.PLAIN);
  }

  @Test
  void refusesARemoteKustomizeBaseNamingFileAndReference() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("kustomize-remote"), Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("app/kustomization.yaml: resources[1]: remote URL github.com/acme/deploy//base?ref=v1.2.0 not"
            + " allowed (the Application does not allow remote bases: spec.source.kustomize.allowRemoteBases)");
  }

  @Test
  void refusesARemoteReferenceInALocalBase() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("kustomize-remote-in-base"), Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("base/kustomization.yaml: resources[0]: remote URL "
            + "https://raw.example.com/acme/manifests/main/deploy.yaml not allowed");
  }

  @Test
  void refusesAKustomizeBaseOutsideTheRepository() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("kustomize-escape"), Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("app/kustomization.yaml: resources[0]: ../../plain-multi resolves outside the repository");
  }

  @Test
  void recognisesRemoteReferencesInTheirUsualSpellings() {
    Path dir = Fixtures.dir("kustomize-overlay");
    for (String remote : List.of("https://example.com/a.yaml", "git::https://host/org/repo//dir",
        "git@github.com:org/repo.git", "github.com/org/repo//dir", "example.com/org/repo//dir?ref=v1",
        "gitlab.com/org/repo", "ssh://git@host/repo")) {
      assertThat(RemoteReference.isRemote(remote, dir)).as(remote).isTrue();
    }
    for (String local : List.of("../base", "deployment.yaml", "base", "./overlays/prod")) {
      assertThat(RemoteReference.isRemote(local, dir)).as(local).isFalse();
    }
  }

  @Test
  void refusesKustomizeBuildOptionsThatLoadFilesOrRunPlugins() {
    assertThat(KustomizeRenderer.buildOptions("app (kustomize)", List.of("--reorder legacy", "--enable-managedby-label")))
        .containsExactly("--reorder", "legacy", "--enable-managedby-label");
    assertThatThrownBy(() -> KustomizeRenderer.buildOptions("app (kustomize)",
        List.of("--load-restrictor LoadRestrictionsNone")))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("app (kustomize): build option --load-restrictor is not allowed");
    assertThatThrownBy(() -> KustomizeRenderer.buildOptions("app (kustomize)", List.of("--enable-exec")))
        .hasMessageStartingWith("app (kustomize): build option --enable-exec is not allowed");
  }

  @Test
  void refusesAReorderBuildOptionWithoutOneOfItsDocumentedValues() {
    assertThat(KustomizeRenderer.buildOptions("app (kustomize)", List.of("--reorder=none")))
        .containsExactly("--reorder=none");
    assertThatThrownBy(() -> KustomizeRenderer.buildOptions("app (kustomize)", List.of("--reorder /etc")))
        .hasMessageStartingWith("app (kustomize): build option --reorder /etc is not allowed");
    assertThatThrownBy(() -> KustomizeRenderer.buildOptions("app (kustomize)", List.of("--reorder")))
        .hasMessageStartingWith("app (kustomize): build option --reorder needs a value");
  }

  @Test
  void refusesAChartWhoseDependencyIsNotVendored() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-unvendored"), Fixtures.app("app"), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (helm): chart dependency redis (repository https://charts.bitnami.com/bitnami) is not"
            + " vendored in charts/: run helm dependency build and commit charts/ (Driftless renders charts"
            + " without network)");
  }

  @Test
  void refusesAValueFileOutsideTheRepository() {
    Application app = Fixtures.helmApp("app", null, List.of("../../helm-chart/apps/web/values.yaml"), null, Map.of());
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-escaping-values/repo"), app, options))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (helm): spec.source.helm.valueFiles ../../helm-chart/apps/web/values.yaml resolves outside"
            + " the repository");
  }

  @Test
  void refusesAValueFileGivenAsAUrl() {
    Application app = Fixtures.helmApp("app", null, List.of("https://example.com/values.yaml"), null, Map.of());
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-escaping-values/repo"), app, options))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (helm): spec.source.helm.valueFiles https://example.com/values.yaml refused: only files"
            + " inside the repository");
  }

  @Test
  void escapesCommasInHelmParametersButNotInLists() {
    assertThat(HelmArguments.escapeSetValue("a,b")).isEqualTo("a\\,b");
    assertThat(HelmArguments.escapeSetValue("a\\,b")).isEqualTo("a\\,b");
    assertThat(HelmArguments.escapeSetValue("{a,b}")).isEqualTo("{a,b}");
  }
}
