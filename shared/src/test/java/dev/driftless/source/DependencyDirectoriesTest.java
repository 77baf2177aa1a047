package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.HelmOptions;
import dev.driftless.model.KustomizeEdits;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyDirectoriesTest {

  private static Path fixture() {
    try {
      return Path.of(DependencyDirectoriesTest.class.getResource("/source/deps").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anOverlayDependsOnItsBaseComponentsPatchesGeneratorsAndValuesButNotOnRemoteBases() {
    DependencyDirectories deps = DependencyDirectories.of(fixture(), "overlays/prod");
    assertThat(deps.dirs()).containsExactly(
        "base", "base/config", "base/crds", "charts", "components/monitoring",
        "components/monitoring/transformers", "config", "env", "generators", "json6902", "overlays/prod",
        "patches", "shared", "values");
  }

  @Test
  void everyKustomizationFileNameIsFollowed() {
    // dev (Kustomization) -> staging (kustomization.yml) -> base (kustomization.yaml)
    assertThat(DependencyDirectories.of(fixture(), "overlays/dev/").dirs())
        .containsExactly("base", "base/config", "base/crds", "overlays/dev", "overlays/staging");
  }

  @Test
  void pathsTheApplicationNamesOutsideItsSourceAreDependenciesToo() {
    Application.Source jsonnet = new Application.Source("https://git.example.com/r.git", "main", "plain", null,
        Application.RenderKind.PLAIN, null, null, new Application.Directory(true, null, null,
            new Application.Jsonnet(null, null, List.of("shared"))));
    Application.Source kustomize = new Application.Source("https://git.example.com/r.git", "main", "plain", null,
        Application.RenderKind.KUSTOMIZE, new Application.Kustomize(false, null, new KustomizeEdits(null, null, null,
            null, null, null, null, List.of(new KustomizeEdits.Patch("../patches/p.yaml", null, null, null)),
            List.of("../components/monitoring"))), null);
    Application.Source helm = new Application.Source("https://git.example.com/r.git", "main", "plain", null,
        Application.RenderKind.HELM, null, new Application.Helm(null, List.of("../values/prod.yaml"), null, null,
            new HelmOptions(Map.of("config", "../env/config.json"), false, false, null, null, null)));

    assertThat(DependencyDirectories.of(fixture(), jsonnet).dirs()).containsExactly("plain", "shared");
    assertThat(DependencyDirectories.of(fixture(), kustomize).dirs()).containsExactly("components/monitoring",
        "components/monitoring/transformers", "config", "patches", "plain");
    assertThat(DependencyDirectories.of(fixture(), helm).dirs()).containsExactly("env", "plain", "values");
  }

  @Test
  void aPlainDirectoryDependsOnItselfOnly() {
    assertThat(DependencyDirectories.of(fixture(), "./plain").dirs()).containsExactly("plain");
  }

  @Test
  void cyclesEndInsteadOfLooping() {
    assertThat(DependencyDirectories.of(fixture(), "cycle/a").dirs()).containsExactly("cycle/a", "cycle/b");
  }

  @Test
  void aReferenceClimbingOutOfTheRootIsRefusedNamingTheFileAndReference() {
    assertThatThrownBy(() -> DependencyDirectories.of(fixture(), "escape"))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.UNSAFE_PATH))
        .hasMessage("kustomization escape/kustomization.yaml: resources[0] reference ../../../outside"
            + " escapes the repository root");
  }

  @Test
  void anAbsoluteReferenceIsRefused() {
    assertThatThrownBy(() -> DependencyDirectories.of(fixture(), "absolute"))
        .hasMessage("kustomization absolute/kustomization.yaml: resources[0] reference /etc/passwd"
            + " escapes the repository root");
  }

  @Test
  void fieldNamesCountWhateverTheirCaseAsKustomizeReadsThem(@TempDir Path root) throws IOException {
    write(root, Map.of("app/kustomization.yaml", "RESOURCES: [cm.yaml]\nPatches:\n- PATH: ../patches/p.yaml\n",
        "patches/p.yaml", "kind: ConfigMap\n"));
    assertThat(DependencyDirectories.of(root, "app").dirs()).containsExactly("app", "patches");
  }

  @Test
  void aTransformerFileAddsTheFilesItsConfigurationNames(@TempDir Path root) throws IOException {
    write(root, Map.of("app/kustomization.yaml", "transformers: [transformers/patch.yaml]\n",
        "app/transformers/patch.yaml", "apiVersion: builtin\nkind: PatchStrategicMergeTransformer\n"
            + "metadata: {name: p}\npaths: [../shared/memory.yaml]\n",
        "shared/memory.yaml", "kind: Deployment\n"));
    assertThat(DependencyDirectories.of(root, "app").dirs()).containsExactly("app", "app/transformers", "shared");
  }

  @Test
  void anInlineGeneratorAddsTheFilesItReads(@TempDir Path root) throws IOException {
    write(root, Map.of("app/kustomization.yaml", "generators:\n- |-\n  apiVersion: builtin\n"
        + "  kind: ConfigMapGenerator\n  metadata: {name: g}\n  files: [../config/app.properties]\n",
        "config/app.properties", "a=b\n"));
    assertThat(DependencyDirectories.of(root, "app").dirs()).containsExactly("app", "config");
  }

  @Test
  void helmChartFilesCountWhereverKustomizeReadsThem(@TempDir Path root) throws IOException {
    write(root, Map.of("app/kustomization.yaml", "helmGlobals: {configHome: ../helm-config}\n"
        + "helmCharts:\n- name: web\n  additionalValuesFiles: [../values/extra.yaml]\n",
        "helm-config/repositories.yaml", "repositories: []\n", "values/extra.yaml", "replicas: 2\n"));
    assertThat(DependencyDirectories.of(root, "app").dirs()).containsExactly("app", "helm-config", "values");
  }

  @Test
  void aGeneratorFileClimbingOutOfTheRootIsRefused(@TempDir Path root) throws IOException {
    write(root, Map.of("app/kustomization.yaml", "transformers: [patch.yaml]\n",
        "app/patch.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npath: ../../../x\n"));
    assertThatThrownBy(() -> DependencyDirectories.of(root, "app"))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.UNSAFE_PATH))
        .hasMessage("kustomization app/kustomization.yaml: transformers[0].path reference ../../../x escapes the"
            + " repository root");
  }

  @Test
  void anApplicationPathOutsideTheRootIsRefused() {
    assertThatThrownBy(() -> DependencyDirectories.of(fixture(), "../elsewhere"))
        .hasMessage("application path ../elsewhere: escapes the repository root");
  }

  @Test
  void aSymlinkResolvingOutsideTheRootIsRefused(@TempDir Path tmp) throws IOException {
    Path root = tmp.resolve("repo");
    copy(fixture(), root);
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("base/linked"), outside);
    Files.writeString(root.resolve("base/kustomization.yaml"), "resources:\n  - linked\n");
    assertThatThrownBy(() -> DependencyDirectories.of(root, "overlays/staging"))
        .hasMessage("kustomization base/kustomization.yaml: resources[0] reference linked escapes the repository root");
  }

  @Test
  void anAliasBombIsRefusedAsUnreadable() {
    assertThatThrownBy(() -> DependencyDirectories.of(fixture(), "aliases"))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.INVALID_KUSTOMIZATION))
        .hasMessageStartingWith("kustomization aliases/kustomization.yaml: cannot be read:");
  }

  @Test
  void aPushAffectsAnAppOnlyThroughItsDependencyDirectories() {
    DependencyDirectories prod = DependencyDirectories.of(fixture(), "overlays/prod");
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("base/deployment.yaml")), prod)).isTrue();
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("values/prod.yaml")), prod)).isTrue();
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("charts/podinfo/Chart.yaml")), prod)).isTrue();
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("unrelated/configmap.yaml",
        "overlays/staging/kustomization.yml")), prod)).isFalse();
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("basement/x.yaml")), prod))
        .as("a directory name prefix is not a parent").isFalse();
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of()), prod)).isFalse();
  }

  @Test
  void unknownChangedPathsAffectEveryApp() {
    DependencyDirectories plain = DependencyDirectories.of(fixture(), "plain");
    assertThat(DependencyDirectories.affects(ChangedPaths.unknown("new branch"), plain)).isTrue();
  }

  @Test
  void anAppAtTheRootIsAffectedByAnyChange() {
    DependencyDirectories all = DependencyDirectories.of(fixture(), "unrelated/..");
    assertThat(all.dirs()).containsExactly(".");
    assertThat(DependencyDirectories.affects(ChangedPaths.of(Set.of("README.md")), all)).isTrue();
  }

  private static void write(Path root, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
