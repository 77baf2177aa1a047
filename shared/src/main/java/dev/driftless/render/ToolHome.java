package dev.driftless.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away home for one tool run: HOME and Helm's cache, config and data directories point into it, so
 * no run reads another's repositories, plugins or credentials, and nothing is left behind.
 */
final class ToolHome implements AutoCloseable {

  /** The discard port on loopback: nothing listens there, so a proxied request fails at once. */
  private static final String CLOSED_PROXY = "http://127.0.0.1:9";

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

  /**
   * The environment for a run that must not reach the network. The checks before the run are what keep a URL
   * from the repository away from the tool; this is the second wall, for a field those checks do not know (a
   * later kustomize, a builtin plugin reading a new key): HTTP(S) goes to a proxy on a closed local port (Go's
   * clients honour these variables) and git, which kustomize runs for remote bases, allows no transport.
   * Go's clients still reach loopback addresses directly, whatever the proxy says.
   */
  Map<String, String> offlineEnvironment(Path tool) {
    Map<String, String> env = environment(tool);
    for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY")) {
      env.put(proxy, CLOSED_PROXY);
    }
    env.put("GIT_ALLOW_PROTOCOL", "");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
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
