package dev.driftless.render;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helm: {@code helm template} with the pinned helm binary, as Argo CD renders charts: release name (default
 * the application's name), the destination namespace, value files from inside the repository (relative to
 * the chart), inline values, parameters as {@code --set}, CRDs included, the destination cluster's Kubernetes
 * version, and hooks (tests too) kept as annotated objects.
 *
 * <p>Why the binary and not helm-java (in-process Helm over JNA), measured with
 * {@code dev.driftless.render.bench.RenderBenchmark} on a generated 200-object chart (2 shared cores, Java 17,
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

  static List<DesiredObject> render(RepositoryPaths repo, Path chart, Application app, RenderOptions options) {
    String what = repo.relative(chart) + " (helm)";
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new RenderException(what + ": no Chart.yaml in the directory");
    }
    repo.checkLinks(chart);
    HelmDependencies.requireVendored(chart, what);
    Application.Helm helm = app.source().helm();
    String release = helm != null && helm.releaseName() != null && !helm.releaseName().isBlank()
        ? helm.releaseName() : app.name();
    List<String> command = new ArrayList<>(List.of(options.helm().toString(), "template", release, chart.toString(),
        "--include-crds"));
    String namespace = app.destination().namespace();
    if (!namespace.isEmpty()) {
      command.addAll(List.of("--namespace", namespace));
    }
    if (options.kubeVersion() != null) {
      command.addAll(List.of("--kube-version", options.kubeVersion()));
    }
    try (ToolHome home = ToolHome.create(what)) {
      if (helm != null) {
        for (String valueFile : helm.valueFiles()) {
          command.addAll(List.of("--values", valueFile(repo, chart, valueFile, what).toString()));
        }
        if (helm.values() != null && !helm.values().isBlank()) {
          command.addAll(List.of("--values", home.file("inline-values.yaml", helm.values()).toString()));
        }
        for (Map.Entry<String, String> p : new TreeMap<>(helm.parameters()).entrySet()) {
          command.addAll(List.of("--set", p.getKey() + "=" + escapeSetValue(p.getValue())));
        }
      }
      String out = ToolProcess.run(what, command, chart, home.environment(options.helm()), options.timeout(),
          options.maxRenderBytes());
      return ToolOutput.objects(out, what, options);
    }
  }

  /** A value file relative to the chart directory; refused when it leaves the repository or is a URL. */
  static Path valueFile(RepositoryPaths repo, Path chart, String valueFile, String what) {
    if (valueFile.contains("://")) {
      throw new RenderException(what + ": value file " + valueFile + " refused: only files inside the repository");
    }
    Path p = chart.resolve(valueFile).normalize();
    if (!p.startsWith(repo.root())) {
      throw new RenderException(what + ": value file " + valueFile + " resolves outside the repository");
    }
    if (!Files.exists(p)) {
      throw new RenderException(what + ": value file " + valueFile + " does not exist");
    }
    Path real = repo.realInside(p, what + ": value file " + valueFile);
    if (!Files.isRegularFile(real)) {
      throw new RenderException(what + ": value file " + valueFile + " is not a file");
    }
    return real;
  }

  /**
   * Escapes unescaped commas so that a parameter sets one value, as Argo CD does; a value written as a Helm
   * list ({@code {a,b}}) is passed as is.
   */
  static String escapeSetValue(String value) {
    if (value.startsWith("{") && value.endsWith("}")) {
      return value;
    }
    return value.replaceAll("(?<!\\\\),", "\\\\,");
  }
}
