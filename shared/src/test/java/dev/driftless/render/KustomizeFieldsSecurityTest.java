package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.Application.RenderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A URL in any kustomization field kustomize would load it from, or in a generator or transformer
 * configuration, is refused before kustomize runs when the Application does not allow remote bases: the
 * kustomize binary here does not exist, so a URL that got through would fail with "cannot start".
 */
class KustomizeFieldsSecurityTest {

  private static final String URL = "https://127.0.0.1:1/x.yaml";
  private static final String REFUSED = ": remote URL " + URL
      + " not allowed (the Application does not allow remote bases: spec.source.kustomize.allowRemoteBases)";

  private final Renderer renderer = new Renderer();
  private final RenderOptions options = RenderOptions.defaults()
      .withTools(Path.of("/nonexistent/kustomize"), Path.of("/nonexistent/helm"));

  /** A kustomization in app/ (plus other files of the repository) and the message that refuses it. */
  record Case(String name, Map<String, String> files, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case refused(String field, String kustomization) {
    return new Case(field, Map.of("app/kustomization.yaml", "resources: [cm.yaml]\n" + kustomization),
        "app/kustomization.yaml: " + field + REFUSED);
  }

  static Stream<Case> urlInAnyField() {
    return Stream.of(
        refused("patches[0].path", "patches:\n- path: " + URL + "\n"),
        refused("patchesJson6902[0].path", "patchesJson6902:\n- target: {kind: ConfigMap, name: a}\n  path: "
            + URL + "\n"),
        refused("patchesStrategicMerge[0]", "patchesStrategicMerge:\n- " + URL + "\n"),
        refused("configMapGenerator[0].files[0]", "configMapGenerator:\n- name: g\n  files: [key=" + URL + "]\n"),
        refused("secretGenerator[0].envs[0]", "secretGenerator:\n- name: g\n  envs: [" + URL + "]\n"),
        refused("configMapGenerator[0].env", "configMapGenerator:\n- name: g\n  env: " + URL + "\n"),
        refused("replacements[0].path", "replacements:\n- path: " + URL + "\n"),
        refused("crds[0]", "crds: [" + URL + "]\n"),
        refused("configurations[0]", "configurations: [" + URL + "]\n"),
        refused("openapi.path", "openapi:\n  path: " + URL + "\n"),
        refused("components[0]", "components: [" + URL + "]\n"),
        refused("generators[0]", "generators: [" + URL + "]\n"),
        refused("validators[0]", "validators: [" + URL + "]\n"),
        refused("helmGlobals.chartHome", "helmGlobals:\n  chartHome: " + URL + "\n"),
        refused("transformers[0].path", "transformers:\n- |-\n  apiVersion: builtin\n  kind: PatchTransformer\n"
            + "  metadata: {name: p}\n  path: " + URL + "\n"),
        refused("transformers[0].path", "transformers:\n- '{apiVersion: builtin, kind: PatchTransformer,"
            + " metadata: {name: p}, path: \"" + URL + "\"}'\n"),
        refused("transformers[0].replacements[0].path", "transformers:\n- |-\n  apiVersion: builtin\n"
            + "  kind: ReplacementTransformer\n  metadata: {name: r}\n  replacements:\n  - path: " + URL + "\n"),
        // kustomize reads field names without regard to case
        refused("patches[0].path", "PATCHES:\n- Path: " + URL + "\n"),
        // YAML's !!binary reaches kustomize as the decoded text
        refused("patches[0].path", "patches:\n- path: !!binary "
            + Base64.getEncoder().encodeToString(URL.getBytes()) + "\n"),
        new Case("helmCharts[0]", Map.of("app/kustomization.yaml",
            "helmCharts:\n- name: redis\n  repo: https://user:s3cret@charts.example.com\n"),
            "app/kustomization.yaml: helmCharts[0]: inflating a Helm chart from https://***@charts.example.com not"
                + " allowed (it runs helm, which fetches the chart; the Application does not allow remote bases)"),
        new Case("generators HelmChartInflationGenerator", Map.of("app/kustomization.yaml",
            "generators:\n- |-\n  apiVersion: builtin\n  kind: HelmChartInflationGenerator\n  metadata: {name: h}\n"
                + "  name: redis\n"),
            "app/kustomization.yaml: generators[0].HelmChartInflationGenerator: inflating a Helm chart not allowed"
                + " (it runs helm, which fetches the chart; the Application does not allow remote bases)"),
        new Case("transformers file", Map.of("app/kustomization.yaml", "transformers: [psm.yaml]\n",
            "app/psm.yaml", "apiVersion: builtin\nkind: PatchStrategicMergeTransformer\nmetadata: {name: p}\n"
                + "paths: [" + URL + "]\n"),
            "app/psm.yaml: paths[0]" + REFUSED),
        new Case("transformers file holding a List", Map.of("app/kustomization.yaml", "transformers: [list.yaml]\n",
            "app/list.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  metadata: {name: g}\n  files: [" + URL + "]\n"),
            "app/list.yaml: files[0]" + REFUSED),
        new Case("transformers directory", Map.of("app/kustomization.yaml", "transformers: [../plugins]\n",
            "plugins/kustomization.yaml", "resources: [patch.yaml]\n",
            "plugins/patch.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npath: " + URL
                + "\n"),
            "plugins/patch.yaml: path" + REFUSED),
        new Case("a local base", Map.of("app/kustomization.yaml", "resources: [../base]\n",
            "base/kustomization.yaml", "resources: [cm.yaml]\npatches:\n- path: " + URL + "\n"),
            "base/kustomization.yaml: patches[0].path" + REFUSED));
  }

  @ParameterizedTest
  @MethodSource
  void urlInAnyField(Case c, @TempDir Path repo) throws IOException {
    write(repo, c.files());

    assertThatThrownBy(() -> renderer.render(repo, kustomizeApp(false), options))
        .isInstanceOf(RenderException.class)
        .hasMessage(c.message());
  }

  @Test
  void patchFileOutsideTheRepositoryIsRefused(@TempDir Path tmp) throws IOException {
    Path repo = tmp.resolve("repo");
    write(repo, Map.of("app/kustomization.yaml", "resources: [cm.yaml]\npatches:\n- path: ../../secret.yaml\n"));

    assertThatThrownBy(() -> renderer.render(repo, kustomizeApp(false), options))
        .hasMessage("app/kustomization.yaml: patches[0].path: ../../secret.yaml resolves outside the repository");
  }

  @Test
  void generatorFileLinkedOutOfTheRepositoryIsRefused(@TempDir Path tmp) throws IOException {
    Path repo = tmp.resolve("repo");
    write(repo, Map.of("base/kustomization.yaml", "configMapGenerator:\n- name: g\n  files: [key=data.txt]\n",
        "app/kustomization.yaml", "resources: [../base]\n"));
    Files.writeString(tmp.resolve("outside.txt"), "stolen");
    Files.createSymbolicLink(repo.resolve("base/data.txt"), tmp.resolve("outside.txt"));

    assertThatThrownBy(() -> renderer.render(repo, kustomizeApp(false), options))
        .hasMessage("base/kustomization.yaml: configMapGenerator[0].files[0]: data.txt resolves outside the"
            + " repository");
  }

  @Test
  void helmValuesFileOutsideTheRepositoryIsRefusedEvenWhenRemoteBasesAreAllowed(@TempDir Path tmp)
      throws IOException {
    Path repo = tmp.resolve("repo");
    write(repo, Map.of("app/kustomization.yaml", "helmCharts:\n- name: redis\n  repo: https://charts.example.com\n"
        + "  valuesFile: ../../secret.yaml\n"));

    assertThatThrownBy(() -> renderer.render(repo, kustomizeApp(true), options))
        .hasMessage("app/kustomization.yaml: helmCharts[0].valuesFile: ../../secret.yaml resolves outside the"
            + " repository");
  }

  @Test
  void aUrlIsLeftToKustomizeWhenRemoteBasesAreAllowed(@TempDir Path repo) throws IOException {
    write(repo, Map.of("app/kustomization.yaml", "resources: [cm.yaml]\npatches:\n- path: " + URL + "\n"));

    assertThatThrownBy(() -> renderer.render(repo, kustomizeApp(true), options))
        .hasMessageStartingWith("app (kustomize): cannot start /nonexistent/kustomize");
  }

  static Application kustomizeApp(boolean allowRemote) {
    return Fixtures.app("app", RenderKind.KUSTOMIZE, new Application.Kustomize(allowRemote, List.of()), null);
  }

  static void write(Path repo, Map<String, String> files) throws IOException {
    Files.createDirectories(repo.resolve("app"));
    Files.writeString(repo.resolve("app/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = repo.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }
}
