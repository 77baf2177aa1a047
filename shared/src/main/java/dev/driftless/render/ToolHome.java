package dev.driftless.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away home for one tool run: HOME and Helm's cache, config and data directories point into it, so
 * no run reads another's repositories, plugins or credentials, and nothing is left behind.
 */
final class ToolHome implements AutoCloseable {

  private final Path dir;

  private ToolHome(Path dir) {
    this.dir = dir;
  }

  static ToolHome create(String what) {
    try {
      return new ToolHome(Files.createTempDirectory("driftless-render-"));
    } catch (IOException e) {
      throw new RenderException(what + ": cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  Path dir() {
    return dir;
  }

  /** The environment the tool runs with: nothing inherited but a PATH holding the tool's own directory. */
  Map<String, String> environment(Path tool) {
    Map<String, String> env = new LinkedHashMap<>();
    Path parent = tool.toAbsolutePath().getParent();
    String systemPath = "/usr/local/bin:/usr/bin:/bin";
    String inherited = System.getenv("PATH");
    String toolPath = tool.getParent() == null && inherited != null ? inherited : parent + ":" + systemPath;
    env.put("PATH", toolPath);
    env.put("HOME", dir.toString());
    env.put("TMPDIR", dir.toString());
    env.put("HELM_CACHE_HOME", dir.resolve("helm-cache").toString());
    env.put("HELM_CONFIG_HOME", dir.resolve("helm-config").toString());
    env.put("HELM_DATA_HOME", dir.resolve("helm-data").toString());
    env.put("HELM_NO_PLUGINS", "1");
    env.put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
    return env;
  }

  Path file(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new RenderException("cannot write temporary file " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is not worth failing a render for
    }
  }
}
