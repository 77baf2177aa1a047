package dev.driftless.bench;

import dev.driftless.model.Application;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.Checkout;
import dev.driftless.source.Source;
import dev.driftless.source.SourceOptions;
import dev.driftless.source.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Harness 2: {@code Source.fetch} of a generated repository (5,000 files, 20 commits) over file:// and over
 * smart HTTP (git's own http-backend behind the JDK HTTP server, as the source stage's tests serve it):
 * cold (empty cache) shallow and full, warm (same commit, cache present), beside {@code git clone --depth 1}
 * and {@code git clone} of the same URL. Each run measures every variant once, in turn.
 */
public final class FetchBench {

  /**
   * What to measure.
   *
   * @param files files in the repository's last commit
   * @param commits commits of history; every commit after the first rewrites 2% of the files
   * @param runs runs of every variant
   * @param work a scratch directory
   */
  public record Options(int files, int commits, int runs, Path work) {}

  private static final String SECRET_ID = "git/bench";
  private static final String TOKEN = "bench-" + Long.toHexString(System.nanoTime());

  private record Measured(long nanos, long files, long bytes) {}

  private final Options options;
  private final Map<String, List<Measured>> results = new LinkedHashMap<>();
  private final Samples loads = new Samples();
  private int scratch;

  public FetchBench(Options options) {
    this.options = options;
  }

  public String run() throws Exception {
    Path projects = options.work().resolve("projects");
    long start = System.nanoTime();
    try (TestRepo repo = TestRepo.create(projects.resolve("bench/deploy"))) {
      populate(repo);
      ApplyBench.log(String.format("repository of %d files, %d commits made in %.1f s", options.files(),
          options.commits(), (System.nanoTime() - start) / 1e9));
      try (SmartHttp http = SmartHttp.serve(projects, Map.of("x-access-token", TOKEN))) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("file://", repo.fileUrl());
        urls.put("smart HTTP", http.url("bench/deploy"));
        for (int run = 1; run <= options.runs(); run++) {
          ApplyBench.log("fetch run " + run + " (load " + Machine.load1() + ")");
          loads.add(Machine.load1());
          for (var u : urls.entrySet()) {
            measureOnce(u.getKey(), u.getValue(), http.urlWithCredentials("bench/deploy", "x-access-token", TOKEN));
          }
        }
      }
    }
    return report();
  }

  private void measureOnce(String transport, String url, String httpUrlWithCredentials) {
    boolean http = transport.equals("smart HTTP");
    Application.Source src = new Application.Source(url, "main", ".", http ? SECRET_ID : null, null, null, null);
    Source shallow = source(true);
    record(transport, "Driftless Source.fetch, cold, shallow (default)", () -> fetch(shallow, src));
    record(transport, "Driftless Source.fetch, warm (same commit, cache present)", () -> fetch(shallow, src));
    Source full = source(false);
    record(transport, "Driftless Source.fetch, cold, full history (withShallow(false))", () -> fetch(full, src));
    String gitUrl = http ? httpUrlWithCredentials : url;
    record(transport, "git clone --depth 1", () -> gitClone(gitUrl, true));
    record(transport, "git clone", () -> gitClone(gitUrl, false));
  }

  private Source source(boolean shallow) {
    SecretsClient secrets = (id, stage, version) -> SECRET_ID.equals(id)
        ? Optional.of("{\"token\":\"" + TOKEN + "\"}") : Optional.empty();
    SourceOptions opts = SourceOptions.defaults().withCacheDir(fresh("cache")).withShallow(shallow);
    return new Source(secrets, opts, Clock.systemUTC());
  }

  private static Measured fetch(Source source, Application.Source src) {
    long start = System.nanoTime();
    Checkout c = source.fetch(src);
    long nanos = System.nanoTime() - start;
    return new Measured(nanos, countFiles(c.root()), source.cacheBytes());
  }

  private Measured gitClone(String url, boolean shallow) {
    Path dir = fresh("clone");
    List<String> cmd = new ArrayList<>(List.of("git", "clone", "--quiet", "--branch", "main"));
    if (shallow) {
      cmd.addAll(List.of("--depth", "1"));
    }
    cmd.addAll(List.of(url, dir.toString()));
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("git clone " + (shallow ? "--depth 1 " : "") + "failed: " + out);
      }
      long nanos = System.nanoTime() - start;
      return new Measured(nanos, countFiles(dir) - countFiles(dir.resolve(".git")), bytes(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("git clone: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void record(String transport, String what, Supplier<Measured> m) {
    results.computeIfAbsent(transport + "|" + what, k -> new ArrayList<>()).add(m.get());
  }

  /** The first commit writes every file; each later one rewrites 2% of them (a different 2% each time). */
  private void populate(TestRepo repo) {
    Map<String, String> all = new LinkedHashMap<>();
    for (int i = 0; i < options.files(); i++) {
      all.put(path(i), content(i, 1));
    }
    repo.commit("Add " + options.files() + " files", all);
    int step = Math.max(1, options.files() / 50);
    for (int c = 2; c <= options.commits(); c++) {
      Map<String, String> some = new LinkedHashMap<>();
      for (int i = c % step; i < options.files(); i += step) {
        some.put(path(i), content(i, c));
      }
      repo.commit("Change " + some.size() + " files (" + c + ")", some);
    }
  }

  private static String path(int i) {
    return String.format("apps/app-%03d/overlays/env-%d/resource-%04d.yaml", i / 50, (i / 10) % 5, i);
  }

  private static String content(int i, int revision) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: resource-%1$04d
          labels: {app.kubernetes.io/name: app-%2$03d, app.kubernetes.io/part-of: bench}
          annotations: {bench.driftless.dev/revision: "%3$d"}
        data:
          LOG_LEVEL: info
          FEATURE_FLAGS: "search,checkout,recommendations"
          application.properties: |
            server.port=8080
            cache.ttl=%4$d
            upstream.url=http://app-%2$03d.shop.svc:80
        """.formatted(i, i / 50, revision, 300 + revision);
  }

  private Path fresh(String what) {
    try {
      return Files.createDirectories(options.work().resolve("scratch").resolve(what + "-" + scratch++));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long countFiles(Path dir) {
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long bytes(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String report() {
    StringBuilder md = new StringBuilder();
    md.append(String.format("### Fetch: %d files, %d commits%n%n", options.files(), options.commits()));
    md.append("| transport | what | median ms | min ms | files checked out | cache or clone MiB |\n");
    md.append("|---|---|---:|---:|---:|---:|\n");
    for (var e : results.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      Samples ms = new Samples();
      e.getValue().forEach(m -> ms.add(m.nanos() / 1e6));
      Measured last = e.getValue().get(e.getValue().size() - 1);
      md.append(String.format("| %s | %s | %.0f | %.0f | %d | %.1f |%n", key[0], key[1], ms.median(), ms.min(),
          last.files(), last.bytes() / (1024.0 * 1024)));
    }
    md.append(String.format("%n%d runs of each; load1 before the runs: median %.2f, max %.2f.%n", options.runs(),
        loads.median(), loads.max()));
    return md.toString();
  }
}
