package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.HelmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argo CD's further helm options with the real helm: each changes the render as the same helm flag does by hand. */
class HelmOptionsIT {

  private static final RenderOptions OPTIONS = Fixtures.realTools();
  private static final String CONFIG_MAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .Release.Name }}-settings
        namespace: {{ .Release.Namespace }}
      data:
        color: {{ .Values.color | quote }}
        config: {{ .Values.config | default "none" | quote }}
        kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
        monitors: {{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" | quote }}
      """;
  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
      """;

  private final Renderer renderer = new Renderer();

  @TempDir
  Path repo;

  @BeforeEach
  void writeChart() {
    Fixtures.write(repo, Map.of(
        "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n",
        "charts/web/values.yaml", "color: blue\n",
        "charts/web/crds/widgets.yaml", CRD,
        "charts/web/templates/configmap.yaml", CONFIG_MAP,
        "charts/web/env/prod.yaml", "color: green\n",
        "charts/web/files/config.json", "{\"debug\": true}"));
  }

  private static Application app(List<String> valueFiles, HelmOptions options) {
    return Fixtures.app("charts/web", Application.RenderKind.HELM, null,
        new Application.Helm("web", valueFiles, null, Map.of(), options));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> settings(List<DesiredObject> objects) {
    return (Map<String, Object>) objects.stream().filter(o -> o.key().kind().equals("ConfigMap")).findFirst().orElseThrow()
        .object().getAdditionalProperties().get("data");
  }

  @Test
  void namespaceKubeVersionApiVersionsAndFileParametersRenderAsHelmTemplateByHand() throws Exception {
    HelmOptions options = new HelmOptions(Map.of("config", "files/config.json"), false, false, "web-ns",
        List.of("monitoring.coreos.com/v1/ServiceMonitor"), "v1.30.2");

    List<DesiredObject> objects = renderer.render(repo, app(List.of("env/prod.yaml"), options), OPTIONS);

    assertThat(objects).extracting(o -> o.key().toString()).containsExactlyInAnyOrder(
        "CustomResourceDefinition.apiextensions.k8s.io widgets.example.com", "ConfigMap web-ns/web-settings");
    assertThat(settings(objects)).isEqualTo(Map.of("color", "green", "config", "{\"debug\": true}",
        "kubeVersion", "v1.30.2", "monitors", "true"));
    Path chart = repo.resolve("charts/web");
    String byHand = helm(chart, "template", "--include-crds", "--namespace=web-ns", "--kube-version=v1.30.2",
        "--api-versions=monitoring.coreos.com/v1/ServiceMonitor", "--values=" + chart.resolve("env/prod.yaml"),
        "--set-file=config=" + chart.resolve("files/config.json"), "web", chart.toString());
    assertThat(byHand).contains("namespace: web-ns", "kubeVersion: \"v1.30.2\"", "monitors: \"true\"",
        "config: \"{\\\"debug\\\": true}\"", "color: \"green\"");
  }

  @Test
  void withoutOptionsTheDestinationNamespaceAndClusterVersionApply() {
    List<DesiredObject> objects = renderer.render(repo, app(List.of(), null), OPTIONS);

    assertThat(objects).extracting(o -> o.key().toString()).contains("ConfigMap shop/web-settings");
    assertThat(settings(objects)).containsEntry("kubeVersion", "v1.34.4").containsEntry("monitors", "false")
        .containsEntry("config", "none");
  }

  @Test
  void skipCrdsLeavesTheChartsCrdsOut() {
    List<DesiredObject> objects = renderer.render(repo, app(List.of(),
        new HelmOptions(null, true, false, null, null, null)), OPTIONS);

    assertThat(objects).extracting(o -> o.key().kind()).containsExactly("ConfigMap");
  }

  @Test
  void aMissingValueFileIsSkippedOnlyWhenTheApplicationIgnoresMissingValueFiles() {
    HelmOptions ignoring = new HelmOptions(null, false, true, null, null, null);

    assertThat(settings(renderer.render(repo, app(List.of("env/missing.yaml", "env/prod.yaml"), ignoring), OPTIONS)))
        .containsEntry("color", "green");
    assertThatThrownBy(() -> renderer.render(repo, app(List.of("env/missing.yaml"), null), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("charts/web (helm): spec.source.helm.valueFiles env/missing.yaml does not exist");
  }

  /**
   * helm reads {@code --set-file=config=<chart>/x,leak=/etc/hostname} as two files, the second outside the
   * repository: a directory named {@code x,leak=} in a commit is enough. Without the check, the host's
   * /etc/hostname would be rendered into the ConfigMap.
   */
  @Test
  void refusesAFileParameterPathThatHelmWouldSplitIntoAFileOutsideTheRepository() {
    Fixtures.write(repo, Map.of("charts/web/x", "inside", "charts/web/x,leak=/etc/hostname", "decoy"));
    HelmOptions options = new HelmOptions(Map.of("config", "x,leak=/etc/hostname"), false, false, null, null, null);

    assertThatThrownBy(() -> renderer.render(repo, app(List.of(), options), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("charts/web (helm): spec.source.helm.fileParameters x,leak=/etc/hostname refused: helm would"
            + " split a path holding any of ,\"{}\\");
  }

  @Test
  void refusesAValueFilePathThatHelmWouldSplitIntoAFileOutsideTheRepository() {
    Fixtures.write(repo, Map.of("charts/web/env/a,/etc/hostname", "color: red\n"));

    assertThatThrownBy(() -> renderer.render(repo, app(List.of("env/a,/etc/hostname"), null), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("charts/web (helm): spec.source.helm.valueFiles env/a,/etc/hostname refused");
  }

  @Test
  void refusesAFileParameterOutsideTheRepositoryOfAStoredApplication() {
    HelmOptions options = new HelmOptions(Map.of("config", "../../../../../../../etc/hostname"), false, false, null,
        null, null);

    assertThatThrownBy(() -> renderer.render(repo, app(List.of(), options), OPTIONS))
        .isInstanceOf(RenderException.class)
        .hasMessage("charts/web (helm): spec.source.helm.fileParameters ../../../../../../../etc/hostname resolves"
            + " outside the repository");
  }

  private static String helm(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(OPTIONS.helm().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HOME", dir.resolve("../../home").normalize().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }
}
