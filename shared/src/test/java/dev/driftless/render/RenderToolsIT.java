package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.KustomizeEdits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kustomize and Helm renders with the real pinned binaries. */
class RenderToolsIT {

  private static final RenderOptions OPTIONS = Fixtures.realTools();
  private final Renderer renderer = new Renderer();

  @Test
  void buildsAKustomizeOverlayIntoObjectsInKustomizesOrder() {
    List<DesiredObject> objects = renderer.render(Fixtures.dir("kustomize-overlay"), Fixtures.app("overlays/prod"),
        OPTIONS);

    assertThat(objects).extracting(o -> o.key().toString())
        .containsExactly("Service shop/prod-web", "Deployment.apps shop/prod-web");
    assertThat(objects).extracting(DesiredObject::origin).containsOnly("overlays/prod (kustomize)");
    assertThat(objects.get(1).object().getAdditionalProperties().get("spec").toString()).contains("replicas=3");
  }

  @Test
  void putsKustomizesErrorInTheMessageOnceWithRepositoryRelativePathsNamingTheAppPath() {
    Path repo = Fixtures.dir("kustomize-missing-resource");
    assertThatThrownBy(() -> renderer.render(repo, Fixtures.app("app"), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (kustomize): kustomize failed (exit 1): accumulating resources: accumulating resources from "
            + "'missing.yaml': evalsymlink failure on 'app/missing.yaml' : lstat app/missing.yaml: no such file or "
            + "directory")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(repo.toRealPath().toString()));
  }

  @Test
  void anOverlaysErrorNamesTheOverlayNotTheRendersTemporaryDirectory() {
    Application app = Fixtures.app("app", Application.RenderKind.DETECT,
        new Application.Kustomize(false, List.of(), new KustomizeEdits("prod-", null, null, List.of(), List.of(),
            Map.of(), Map.of(), List.of(), List.of())), null);
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("kustomize-missing-resource"), app, OPTIONS))
        .isInstanceOf(RenderException.class).hasMessageContaining("'app/missing.yaml'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("/tmp/").doesNotContain("driftless"));
  }

  @Test
  void rendersAHelmChartWithReleaseNamespaceValuesParametersCrdsHooksAndVendoredDependencies() {
    Application app = Fixtures.helmApp("apps/web", "shop-web", List.of("env/prod.yaml"), "size: large\n",
        Map.of("greeting", "hi, there"));

    List<DesiredObject> objects = renderer.render(Fixtures.dir("helm-chart"), app, OPTIONS);

    assertThat(objects).extracting(o -> o.key().toString()).containsExactlyInAnyOrder(
        "CustomResourceDefinition.apiextensions.k8s.io widgets.example.com",
        "ConfigMap shop/shop-web-settings", "Service shop-web-cache", "Pod shop-web-smoke-test");
    assertThat(objects).extracting(DesiredObject::origin).containsOnly("apps/web (helm)");
    DesiredObject cm = objects.stream().filter(o -> o.key().kind().equals("ConfigMap")).findFirst().orElseThrow();
    assertThat(cm.object().getAdditionalProperties().get("data")).isEqualTo(Map.of(
        "color", "green", "size", "large", "greeting", "hi, there", "kubeVersion", "v1.34.4"));
    DesiredObject hook = objects.stream().filter(o -> o.key().kind().equals("Pod")).findFirst().orElseThrow();
    assertThat(hook.object().getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
  }

  @Test
  void defaultsTheReleaseNameToTheApplicationName() {
    List<DesiredObject> objects = renderer.render(Fixtures.dir("helm-chart"), Fixtures.app("apps/web"), OPTIONS);

    assertThat(objects).extracting(o -> o.key().name()).contains("web-settings", "web-cache");
  }

  @Test
  void putsHelmsErrorInTheMessage() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-fail"), Fixtures.app("app"), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("app (helm): helm failed (exit 1): Error: ")
        .hasMessageContaining("values: replicas must be set");
  }

  @Test
  void stopsAHelmRenderThatRunsPastItsTimeout() {
    assertThatThrownBy(() -> renderer.render(Fixtures.dir("helm-slow"), Fixtures.app("app"),
        OPTIONS.withTimeout(Duration.ofSeconds(2))))
        .isInstanceOf(RenderException.class)
        .hasMessage("app (helm): " + OPTIONS.helm() + " did not finish within 2s and was stopped");
  }
}
