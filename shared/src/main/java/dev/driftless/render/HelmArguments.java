package dev.driftless.render;

import dev.driftless.model.Application;
import dev.driftless.model.HelmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Builds the {@code helm template} command line, checking every value that comes from the Application, the
 * repository or the destination cluster where it enters. Each value travels inside its flag
 * ({@code --namespace=shop}) or after {@code --}, so none can be read as a flag such as
 * {@code --post-renderer}, which would run a program on the rendered output. Stored Applications predate the
 * registration checks, so the same rules are applied again here.
 */
final class HelmArguments {

  /**
   * Characters a file path may not hold on helm's command line: {@code --values} splits its value as CSV and
   * {@code --set-file} reads {@code a,b=c} as a second file, so a repository directory named {@code x,leak=} could
   * make helm read a file outside the repository.
   */
  private static final String SPLITTING = ",\"{}\\";

  private HelmArguments() {}

  static List<String> command(RepositoryPaths repo, Path chart, Application app, RenderOptions options,
      ToolHome home, String what) {
    return command(repo, chart, app, options, home, what, Map.of());
  }

  /**
   * The command line; {@code refs} are the repositories other sources of the Application give by their
   * {@code ref}, which value files written {@code $ref/path} read from.
   */
  static List<String> command(RepositoryPaths repo, Path chart, Application app, RenderOptions options,
      ToolHome home, String what, Map<String, Path> refs) {
    Application.Helm helm = app.source().helm();
    HelmOptions extra = helm == null ? HelmOptions.NONE : helm.options();
    List<String> command = new ArrayList<>(List.of(options.helm().toString(), "template",
        extra.skipCrds() ? "--skip-crds" : "--include-crds"));
    addNamespace(command, extra.namespace() != null ? extra.namespace() : app.destination().namespace(),
        extra.namespace() != null ? "spec.source.helm.namespace " : "spec.destination.namespace ", what);
    addKubeVersion(command, extra.kubeVersion() != null ? extra.kubeVersion() : options.kubeVersion(),
        extra.kubeVersion() != null ? "spec.source.helm.kubeVersion " : "the destination cluster's Kubernetes version ",
        what);
    for (String apiVersion : extra.apiVersions()) {
      if (!HelmOptions.isApiVersion(apiVersion)) {
        throw new RenderException(what + ": spec.source.helm.apiVersions " + apiVersion
            + " refused: must be group/version or group/version/Kind");
      }
      command.add("--api-versions=" + apiVersion);
    }
    if (helm != null) {
      for (String valueFile : helm.valueFiles()) {
        Path file = refValueFile(refs, valueFile, extra.ignoreMissingValueFiles(), what);
        if (file == null && !Application.Helm.REF_FILE.matcher(valueFile).matches()) {
          file = valueFile(repo, chart, valueFile, "spec.source.helm.valueFiles", extra.ignoreMissingValueFiles(),
              what);
        }
        if (file != null) {
          command.add("--values=" + file);
        }
      }
      if (helm.values() != null && !helm.values().isBlank()) {
        command.add("--values=" + home.file("inline-values.yaml", helm.values()));
      }
      for (Map.Entry<String, String> p : new TreeMap<>(helm.parameters()).entrySet()) {
        command.add("--set=" + parameterName(p.getKey(), "parameters", what) + "=" + escapeSetValue(p.getValue()));
      }
      for (Map.Entry<String, String> p : new TreeMap<>(extra.fileParameters()).entrySet()) {
        Path file = valueFile(repo, chart, p.getValue(), "spec.source.helm.fileParameters", false, what);
        command.add("--set-file=" + parameterName(p.getKey(), "fileParameters", what) + "=" + file);
      }
    }
    command.addAll(List.of("--", releaseName(app, what), chart.toString()));
    return command;
  }

  private static void addNamespace(List<String> command, String namespace, String field, String what) {
    if (namespace.isEmpty()) {
      return;
    }
    if (!Application.Destination.isNamespace(namespace)) {
      throw new RenderException(what + ": " + field + namespace + " refused: must be a DNS label");
    }
    command.add("--namespace=" + namespace);
  }

  private static void addKubeVersion(List<String> command, String version, String field, String what) {
    if (version == null) {
      return;
    }
    if (!HelmOptions.isKubeVersion(version)) {
      throw new RenderException(what + ": " + field + version + " refused: not a version like v1.34.4");
    }
    command.add("--kube-version=" + version);
  }

  private static String parameterName(String name, String field, String what) {
    if (!Application.Helm.isParameterName(name)) {
      throw new RenderException(what + ": spec.source.helm." + field + " name " + name
          + " refused: must be a helm value path");
    }
    return name;
  }

  /** The release name the Application gives, or its own name. */
  static String releaseName(Application app, String what) {
    Application.Helm helm = app.source().helm();
    boolean given = helm != null && helm.releaseName() != null && !helm.releaseName().isBlank();
    String release = given ? helm.releaseName() : app.name();
    if (!Application.Helm.isReleaseName(release)) {
      throw new RenderException(what + ": " + (given ? "spec.source.helm.releaseName " : "release name (metadata.name) ")
          + release + " refused: must be a DNS subdomain name of at most 53 characters");
    }
    return release;
  }

  /**
   * A value file {@code $ref/path} in the repository another source gives by that ref: the path is relative to that
   * repository's root and must stay inside it (links included). Null for a file written otherwise, or a missing one
   * when {@code ignoreMissing}.
   */
  static Path refValueFile(Map<String, Path> refs, String valueFile, boolean ignoreMissing, String what) {
    Matcher m = Application.Helm.REF_FILE.matcher(valueFile);
    if (!m.matches()) {
      return null;
    }
    Path root = refs.get(m.group(1));
    if (root == null) {
      throw new RenderException(what + ": spec.source.helm.valueFiles " + valueFile + " names $" + m.group(1)
          + ", which is the ref of no source of this Application");
    }
    RepositoryPaths other = RepositoryPaths.of(root);
    try {
      return valueFile(other, other.root(), m.group(2), "spec.source.helm.valueFiles", ignoreMissing, what);
    } catch (RenderException e) {
      // Said of the path inside the ref'd repository: name the value file as the Application writes it.
      throw new RenderException(e.getMessage().replace("valueFiles " + m.group(2), "valueFiles " + valueFile)
          .replace("the repository", "the repository $" + m.group(1) + " names"), e);
    }
  }

  /**
   * A file relative to the chart directory; refused when it leaves the repository, is a URL, or holds a character
   * helm would split the path at. A missing file is null when {@code ignoreMissing}, else refused.
   */
  static Path valueFile(RepositoryPaths repo, Path chart, String valueFile, String field, boolean ignoreMissing,
      String what) {
    String named = what + ": " + field + " " + valueFile;
    if (valueFile.contains("://")) {
      throw new RenderException(named + " refused: only files inside the repository");
    }
    Path p = chart.resolve(valueFile).normalize();
    if (!p.startsWith(repo.root())) {
      throw new RenderException(named + " resolves outside the repository");
    }
    if (!Files.exists(p)) {
      if (ignoreMissing) {
        return null;
      }
      throw new RenderException(named + " does not exist");
    }
    Path real = repo.realInside(p, named);
    if (!Files.isRegularFile(real)) {
      throw new RenderException(named + " is not a file");
    }
    if (real.toString().chars().anyMatch(c -> SPLITTING.indexOf(c) >= 0)) {
      throw new RenderException(named + " refused: helm would split a path holding any of " + SPLITTING);
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
