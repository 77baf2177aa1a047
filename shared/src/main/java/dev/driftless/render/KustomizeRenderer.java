package dev.driftless.render;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kustomize: {@code kustomize build <dir> --load-restrictor LoadRestrictionsRootOnly} with the pinned binary,
 * after the kustomization tree was scanned for remote and escaping references. Of the application's
 * {@code buildOptions} only the harmless ones are passed; options that run plugins, load files from anywhere
 * or enable Helm are refused.
 */
final class KustomizeRenderer {

  private static final Set<String> ALLOWED_FLAGS = Set.of("--enable-managedby-label", "--reorder");
  private static final Set<String> FLAGS_WITH_VALUE = Set.of("--reorder");

  private KustomizeRenderer() {}

  static List<DesiredObject> render(RepositoryPaths repo, Path dir, Application app, RenderOptions options) {
    String what = repo.relative(dir) + " (kustomize)";
    if (KustomizationScanner.kustomizationFile(dir) == null) {
      throw new RenderException(what + ": no kustomization.yaml, kustomization.yml or Kustomization in the directory");
    }
    Application.Kustomize k = app.source().kustomize();
    boolean allowRemote = k != null && k.allowRemoteBases();
    new KustomizationScanner(repo, allowRemote).scan(dir);
    repo.checkLinks(dir);
    List<String> command = new ArrayList<>(List.of(options.kustomize().toString(), "build", dir.toString(),
        "--load-restrictor", "LoadRestrictionsRootOnly"));
    command.addAll(buildOptions(what, k == null ? List.of() : k.buildOptions()));
    try (ToolHome home = ToolHome.create(what)) {
      String out = ToolProcess.run(what, command, dir, home.environment(options.kustomize()), options.timeout(),
          options.maxRenderBytes());
      return ToolOutput.objects(out, what, options);
    }
  }

  static List<String> buildOptions(String what, List<String> requested) {
    List<String> out = new ArrayList<>();
    for (String option : requested) {
      for (String part : option.trim().split("\\s+")) {
        if (part.isEmpty()) {
          continue;
        }
        String flag = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
        boolean valueOfPrevious = !part.startsWith("-") && isValueOfPrevious(out);
        if (!valueOfPrevious && !ALLOWED_FLAGS.contains(flag)) {
          throw new RenderException(what + ": build option " + part + " is not allowed (allowed: "
              + ALLOWED_FLAGS + ")");
        }
        out.add(part);
      }
    }
    return out;
  }

  private static boolean isValueOfPrevious(List<String> soFar) {
    return !soFar.isEmpty() && FLAGS_WITH_VALUE.contains(soFar.get(soFar.size() - 1));
  }
}
