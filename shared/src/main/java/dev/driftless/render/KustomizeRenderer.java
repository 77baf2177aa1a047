package dev.driftless.render;

import dev.driftless.kustomize.KustomizationReader;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize: {@code kustomize build --load-restrictor=LoadRestrictionsRootOnly -- <dir>} with the pinned
 * binary, after the kustomization tree was scanned for remote and escaping references, and without network
 * unless the application allows remote bases. Of the application's {@code buildOptions} only the harmless ones
 * are passed, with the values kustomize documents; options that run plugins, load files from anywhere or
 * enable Helm are refused. The Application's edits ({@code namePrefix}, {@code images}, ...) are built as an
 * overlay over the directory ({@link KustomizeOverlay}).
 */
final class KustomizeRenderer {

  private static final String REORDER = "--reorder";
  private static final Set<String> ALLOWED_FLAGS = Set.of("--enable-managedby-label", REORDER);
  private static final Set<String> REORDER_VALUES = Set.of("legacy", "none");

  private KustomizeRenderer() {}

  static List<DesiredObject> render(RepositoryPaths repo, Path dir, Application app, RenderOptions options) {
    String what = repo.relative(dir) + " (kustomize)";
    if (KustomizationReader.find(dir) == null) {
      throw new RenderException(what + ": no kustomization.yaml, kustomization.yml or Kustomization in the directory");
    }
    Application.Kustomize k = app.source().kustomize();
    boolean allowRemote = k != null && k.allowRemoteBases();
    KustomizationScanner scanner = new KustomizationScanner(repo, allowRemote);
    scanner.scan(dir);
    repo.checkLinks(dir);
    List<String> command = new ArrayList<>(List.of(options.kustomize().toString(), "build",
        "--load-restrictor=LoadRestrictionsRootOnly"));
    command.addAll(buildOptions(what, k == null ? List.of() : k.buildOptions()));
    try (ToolHome home = ToolHome.create(what)) {
      Path root = k == null || k.edits().isEmpty() ? dir
          : KustomizeOverlay.write(repo, dir, k.edits(), scanner, home, what);
      command.addAll(List.of("--", root.toString()));
      Map<String, String> env = allowRemote ? home.environment(options.kustomize())
          : home.offlineEnvironment(options.kustomize());
      String out = ToolProcess.run(what, command, root, env, options.timeout(), options.maxRenderBytes(),
          stderr -> ToolOutput.errorText(stderr, repo, home.dir()));
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
        if (awaitsValue(out)) {
          checkReorder(what, part);
        } else {
          String flag = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
          if (!ALLOWED_FLAGS.contains(flag)) {
            throw new RenderException(what + ": build option " + part + " is not allowed (allowed: "
                + ALLOWED_FLAGS + ")");
          }
          if (part.startsWith(REORDER + "=")) {
            checkReorder(what, part.substring(REORDER.length() + 1));
          }
        }
        out.add(part);
      }
    }
    if (awaitsValue(out)) {
      throw new RenderException(what + ": build option " + REORDER + " needs a value (allowed: " + REORDER_VALUES
          + ")");
    }
    return out;
  }

  /** True when the last part is a flag whose value is the next part: a value must never be read as a flag. */
  private static boolean awaitsValue(List<String> soFar) {
    return !soFar.isEmpty() && soFar.get(soFar.size() - 1).equals(REORDER);
  }

  private static void checkReorder(String what, String value) {
    if (!REORDER_VALUES.contains(value)) {
      throw new RenderException(what + ": build option " + REORDER + " " + value + " is not allowed (allowed: "
          + REORDER_VALUES + ")");
    }
  }
}
