package dev.driftless.render;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Helm: {@code helm template} with the pinned helm binary, as Argo CD renders charts: release name (default
 * the application's name), the destination namespace, value files from inside the repository (relative to
 * the chart), inline values, parameters as {@code --set}, CRDs included, the destination cluster's Kubernetes
 * version, and hooks (tests too) kept as annotated objects.
 *
 * <p>Why the binary and not helm-java (in-process Helm over JNA), measured with
 * {@code dev.driftless.bench.RenderBenchmark} on a generated 200-object chart (2 shared cores, Java 17,
 * helm 3.19.0, helm-java 0.0.21; median of 5 runs after 2 warm-up runs, two benchmark runs): {@code helm
 * template} run directly 48 and 54 ms, helm-java 13 and 13 ms, this class (binary, plus parsing and checks) 69
 * and 124 ms. helm-java saves about 40 ms a render, but: in-process Go code cannot be stopped, so a chart whose
 * templates loop for ever (or allocate without bound) would hold or crash the Lambda, while a child process is
 * killed with its whole tree at the render timeout; the process shares one environment, so HOME and Helm's
 * cache/config/data directories cannot be isolated per render; it brings a 98 MB native library for
 * linux-amd64 only and may fetch its native library at run time when it is missing. 40 ms is small beside a
 * Git fetch and a server-side dry run, so the binary wins.
 */
final class HelmRenderer {

  private HelmRenderer() {}

  static List<DesiredObject> render(RepositoryPaths repo, Path chart, Application app, RenderOptions options,
      Map<String, Path> refs) {
    String what = repo.relative(chart) + " (helm)";
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new RenderException(what + ": no Chart.yaml in the directory");
    }
    repo.checkLinks(chart);
    HelmDependencies.requireVendored(chart, what);
    try (ToolHome home = ToolHome.create(what)) {
      List<String> command = HelmArguments.command(repo, chart, app, options, home, what, refs);
      String out = ToolProcess.run(what, command, chart, home.offlineEnvironment(options.helm()), options.timeout(),
          options.maxRenderBytes());
      return ToolOutput.objects(out, what, options);
    }
  }
}
