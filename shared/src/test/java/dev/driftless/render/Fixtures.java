package dev.driftless.render;

import dev.driftless.model.Application;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test fixtures: the case directories under src/test/resources/render and applications pointing into them. */
final class Fixtures {

  private Fixtures() {}

  /** Render options with the real pinned kustomize, helm and jsonnet, rendering for the local clusters' version. */
  static RenderOptions realTools() {
    TestTools tools = TestTools.load();
    return RenderOptions.defaults().withTools(tools.kustomize(), tools.helm()).withJsonnet(tools.jsonnet())
        .withKubeVersion("v1.34.4");
  }

  static Path dir(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/render/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Application app(String path) {
    return app(path, Application.RenderKind.DETECT, null, null);
  }

  static Application app(String path, Application.RenderKind kind, Application.Kustomize kustomize,
      Application.Helm helm) {
    return new Application("web", "default",
        new Application.Source("https://git.example.com/acme/deploy.git", "main", path, null, kind, kustomize, helm),
        new Application.Destination("c1", "shop"), null, List.of());
  }

  /** A plain (directory) application with Argo CD's directory options. */
  static Application directoryApp(String path, Application.Directory directory) {
    return new Application("web", "default",
        new Application.Source("https://git.example.com/acme/deploy.git", "main", path, null,
            Application.RenderKind.PLAIN, null, null, directory),
        new Application.Destination("c1", "shop"), null, List.of());
  }

  /** Writes each relative path's text below {@code root}, creating directories; returns {@code root}. */
  static Path write(Path root, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = root.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Application helmApp(String path, String release, List<String> valueFiles, String values,
      Map<String, String> parameters) {
    return app(path, Application.RenderKind.DETECT, null,
        new Application.Helm(release, valueFiles, values, parameters));
  }
}
