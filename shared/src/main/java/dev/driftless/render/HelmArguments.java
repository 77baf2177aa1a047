package dev.driftless.render;

import dev.driftless.model.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the {@code helm template} command line, checking every value that comes from the Application, the
 * repository or the destination cluster where it enters. Each value travels inside its flag
 * ({@code --namespace=shop}) or after {@code --}, so none can be read as a flag such as
 * {@code --post-renderer}, which would run a program on the rendered output. Stored Applications predate the
 * registration checks, so the same rules are applied again here.
 */
final class HelmArguments {

  /** What the API server's /version reports as gitVersion: {@code v1.34.4}, {@code v1.29.6-eks-db838b0}. */
  private static final Pattern KUBE_VERSION = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?([-+][0-9A-Za-z.+-]*)?");

  private HelmArguments() {}

  static List<String> command(RepositoryPaths repo, Path chart, Application app, RenderOptions options,
      ToolHome home, String what) {
    List<String> command = new ArrayList<>(List.of(options.helm().toString(), "template", "--include-crds"));
    String namespace = app.destination().namespace();
    if (!namespace.isEmpty()) {
      if (!Application.Destination.isNamespace(namespace)) {
        throw new RenderException(what + ": spec.destination.namespace " + namespace
            + " refused: must be a DNS label");
      }
      command.add("--namespace=" + namespace);
    }
    if (options.kubeVersion() != null) {
      if (!KUBE_VERSION.matcher(options.kubeVersion()).matches()) {
        throw new RenderException(what + ": the destination cluster's Kubernetes version " + options.kubeVersion()
            + " refused: not a version like v1.34.4");
      }
      command.add("--kube-version=" + options.kubeVersion());
    }
    Application.Helm helm = app.source().helm();
    if (helm != null) {
      for (String valueFile : helm.valueFiles()) {
        command.add("--values=" + valueFile(repo, chart, valueFile, what));
      }
      if (helm.values() != null && !helm.values().isBlank()) {
        command.add("--values=" + home.file("inline-values.yaml", helm.values()));
      }
      for (Map.Entry<String, String> p : new TreeMap<>(helm.parameters()).entrySet()) {
        if (!Application.Helm.isParameterName(p.getKey())) {
          throw new RenderException(what + ": spec.source.helm.parameters name " + p.getKey()
              + " refused: must be a helm value path");
        }
        command.add("--set=" + p.getKey() + "=" + escapeSetValue(p.getValue()));
      }
    }
    command.addAll(List.of("--", releaseName(app, what), chart.toString()));
    return command;
  }

  /** The release name the Application gives, or its own name. */
  static String releaseName(Application app, String what) {
    Application.Helm helm = app.source().helm();
    boolean given = helm != null && helm.releaseName() != null && !helm.releaseName().isBlank();
    String release = given ? helm.releaseName() : app.name();
    if (!Application.Helm.isReleaseName(release)) {
      throw new RenderException(what + ": " + (given ? "spec.source.helm.releaseName " : "release name (metadata.name) ")
          + release + " refused: must be a DNS label of at most 53 characters");
    }
    return release;
  }

  /** A value file relative to the chart directory; refused when it leaves the repository or is a URL. */
  static Path valueFile(RepositoryPaths repo, Path chart, String valueFile, String what) {
    String field = what + ": spec.source.helm.valueFiles " + valueFile;
    if (valueFile.contains("://")) {
      throw new RenderException(field + " refused: only files inside the repository");
    }
    Path p = chart.resolve(valueFile).normalize();
    if (!p.startsWith(repo.root())) {
      throw new RenderException(field + " resolves outside the repository");
    }
    if (!Files.exists(p)) {
      throw new RenderException(field + " does not exist");
    }
    Path real = repo.realInside(p, field);
    if (!Files.isRegularFile(real)) {
      throw new RenderException(field + " is not a file");
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
