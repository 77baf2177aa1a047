package dev.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argo CD's directory options on plain manifests: recurse, include and exclude, and the empty directory. */
class DirectoryOptionsTest {

  private final Renderer renderer = new Renderer();
  private final RenderOptions options = RenderOptions.defaults()
      .withTools(Path.of("/nonexistent/kustomize"), Path.of("/nonexistent/helm"));

  @TempDir
  Path repo;

  @BeforeEach
  void writeRepository() {
    Fixtures.write(repo, Map.of(
        "app/web.yaml", configMap("web"),
        "app/db.yml", configMap("db"),
        "app/config.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"json\"}}",
        "app/README.md", "not a manifest",
        "app/extra/cache.yaml", configMap("cache"),
        "app/extra/deep/queue.yaml", configMap("queue"),
        "empty/README.md", "nothing to deploy"));
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  private List<String> names(Application.Directory directory) {
    return renderer.render(repo, Fixtures.directoryApp("app", directory), options).stream()
        .map(o -> o.key().name()).toList();
  }

  @Test
  void readsSubdirectoriesUnlessRecurseIsFalse() {
    assertThat(names(Application.Directory.DEFAULT)).containsExactly("json", "db", "cache", "queue", "web");
    assertThat(names(new Application.Directory(false, null, null, null))).containsExactly("json", "db", "web");
  }

  @Test
  void includeKeepsOnlyMatchingPathsRelativeToTheSourcePathWithAlternatives() {
    assertThat(names(new Application.Directory(true, "{*.yml,extra/deep/*}", null, null)))
        .containsExactly("db", "queue");
    // As in Argo CD (gobwas/glob without separators), '*' crosses directories.
    assertThat(names(new Application.Directory(true, "*.yaml", null, null))).containsExactly("cache", "queue", "web");
  }

  @Test
  void excludeDropsMatchingPathsAndWinsOverInclude() {
    assertThat(names(new Application.Directory(true, null, "extra/*", null))).containsExactly("json", "db", "web");
    assertThat(names(new Application.Directory(true, "*.yaml", "{web.yaml,extra/deep/*}", null)))
        .containsExactly("cache");
  }

  @Test
  void aPathWithNoManifestFileFailsNamingThePath() {
    assertThatThrownBy(() -> renderer.render(repo, Fixtures.directoryApp("empty", null), options))
        .isInstanceOf(RenderException.class)
        .hasMessage("rendered no objects from empty: no manifest files (*.yaml, *.yml, *.json, *.jsonnet)");
    assertThatThrownBy(() -> names(new Application.Directory(true, "*.txt", null, null)))
        .isInstanceOf(RenderException.class)
        .hasMessage("rendered no objects from app: no manifest files (*.yaml, *.yml, *.json, *.jsonnet matching"
            + " spec.source.directory include and exclude)");
  }

  @Test
  void aPathWithNoManifestFileRendersNothingWhenTheApplicationAllowsAnEmptySync() {
    Application app = Fixtures.directoryApp("empty", null);
    Application allowing = new Application(app.name(), app.project(), app.source(), app.destination(),
        new Application.SyncPolicy(true, true, false, true, null, null), List.of());

    List<DesiredObject> objects = renderer.render(repo, allowing, options);

    assertThat(objects).isEmpty();
  }
}
