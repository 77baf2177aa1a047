package dev.driftless.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the test environment's tools live, as {@code scripts/testenv env} reports them. The tests never
 * install anything themselves: {@code scripts/testenv install} does, and a missing tool is a clear failure.
 */
public record TestTools(Path repoRoot, Map<String, String> env) {

  private static final Pattern EXPORT = Pattern.compile("^export ([A-Z0-9_]+)=\"(.*)\"$");

  public static TestTools load() {
    Path root = findRepoRoot();
    try {
      Process p = new ProcessBuilder(root.resolve("scripts/testenv").toString(), "env")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("scripts/testenv env failed: " + out);
      }
      Map<String, String> env = new HashMap<>();
      for (String line : out.split("\n")) {
        Matcher m = EXPORT.matcher(line.strip());
        if (m.matches()) {
          env.put(m.group(1), m.group(2));
        }
      }
      return new TestTools(root, Map.copyOf(env));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/testenv env", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The repository root: the nearest directory upwards holding {@code scripts/cluster}. */
  public static Path findRepoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("scripts/cluster"))) {
        return d;
      }
    }
    throw new IllegalStateException("no scripts/cluster above " + dir);
  }

  public Path kustomize() { return tool("DRIFTLESS_KUSTOMIZE"); }

  public Path helm() { return tool("DRIFTLESS_HELM"); }

  /** go-jsonnet's jsonnet; jsonnet-deps is beside it. */
  public Path jsonnet() { return tool("DRIFTLESS_JSONNET"); }

  /** The CNCF distribution registry ({@code registry serve CONFIG}). */
  public Path registry() { return tool("DRIFTLESS_REGISTRY"); }

  /** oras, which pushes OCI artifacts. */
  public Path oras() { return tool("DRIFTLESS_ORAS"); }

  /** The Gitea server binary; its {@code options} and {@code templates} are beside it, one level up. */
  public Path gitea() { return tool("DRIFTLESS_GITEA"); }

  /** Debian's chromium, which the dashboard's browser tests drive. */
  public Path chromium() { return tool("DRIFTLESS_CHROMIUM"); }

  /** The chromedriver of the same build as {@link #chromium()}. */
  public Path chromedriver() { return tool("DRIFTLESS_CHROMEDRIVER"); }

  public Path kubectl() { return Path.of(require("DRIFTLESS_K8S_BIN")).resolve("kubectl"); }

  public String motoCommand() { return require("DRIFTLESS_MOTO"); }

  public Path cache() { return Path.of(require("DRIFTLESS_CACHE")); }

  private Path tool(String key) {
    Path p = Path.of(require(key));
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing: run scripts/testenv install");
    }
    return p;
  }

  private String require(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new IllegalStateException("scripts/testenv env did not report " + key);
    }
    return v;
  }
}
