package dev.driftless.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a kustomization and the local kustomizations it builds on, before kustomize runs, and refuses what
 * would reach outside the repository: remote references (URLs, {@code github.com/...}, {@code git::},
 * {@code ?ref=}) unless the application allows remote bases, and local references that resolve outside the
 * repository (kustomize's root-only load restrictor allows bases anywhere on the disk).
 */
final class KustomizationScanner {

  static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** Fields that name other kustomizations, resources or plugin configurations by path or URL. */
  private static final List<String> REFERENCE_FIELDS = List.of("resources", "bases", "components", "crds",
      "generators", "transformers", "validators", "configurations");

  private static final Pattern HOST_FIRST = Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(:\\d+)?/.*");

  private final RepositoryPaths repo;
  private final boolean allowRemote;
  private final Set<Path> visited = new HashSet<>();

  KustomizationScanner(RepositoryPaths repo, boolean allowRemote) {
    this.repo = repo;
    this.allowRemote = allowRemote;
  }

  static Path kustomizationFile(Path dir) {
    for (String name : FILE_NAMES) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    return null;
  }

  /** Scans the kustomization in {@code dir} and, recursively, every local directory it refers to. */
  void scan(Path dir) {
    Path real = repo.realInside(dir, "kustomize directory " + repo.relative(dir));
    if (!visited.add(real)) {
      return;
    }
    Path file = kustomizationFile(real);
    if (file == null) {
      return;
    }
    String where = repo.relative(file);
    for (String ref : references(file, where)) {
      if (isRemote(ref, real)) {
        if (!allowRemote) {
          throw new RenderException(where + ": remote reference " + ref
              + " refused (set spec.source.kustomize.allowRemoteBases to allow it)");
        }
        continue;
      }
      Path target = real.resolve(ref).normalize();
      if (!repo.isInside(target)) {
        throw new RenderException(where + ": reference " + ref + " resolves outside the repository");
      }
      if (Files.isDirectory(target)) {
        scan(target);
      }
    }
  }

  private static List<String> references(Path file, String where) {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(RenderOptions.DEFAULT_MAX_ALIASES);
    lo.setCodePointLimit((int) RenderOptions.DEFAULT_MAX_DOCUMENT_BYTES);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(lo)).load(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new RenderException(where + ": not a readable kustomization: " + e.getMessage());
    }
    List<String> refs = new ArrayList<>();
    if (!(doc instanceof Map<?, ?> map)) {
      return refs;
    }
    for (String field : REFERENCE_FIELDS) {
      if (map.get(field) instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof String s && !s.isBlank() && !s.contains("\n")) {
            refs.add(s.strip());
          }
        }
      }
    }
    if (map.get("openapi") instanceof Map<?, ?> openapi && openapi.get("path") instanceof String p) {
      refs.add(p);
    }
    return refs;
  }

  /** Whether kustomize would fetch the reference over the network. */
  static boolean isRemote(String ref, Path dir) {
    if (ref.contains("://") || ref.startsWith("git::") || ref.startsWith("git@") || ref.contains("?ref=")
        || ref.contains("?version=") || ref.contains("?submodules=") || ref.startsWith("github.com/")
        || ref.startsWith("gitlab.com/") || ref.startsWith("bitbucket.org/")) {
      return true;
    }
    // "example.com/org/repo//path": remote unless such a local directory exists.
    return HOST_FIRST.matcher(ref).matches() && !Files.exists(dir.resolve(ref));
  }
}
