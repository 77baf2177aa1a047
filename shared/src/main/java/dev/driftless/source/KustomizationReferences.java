package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The local references one kustomization file makes: the paths in {@code resources}, {@code bases},
 * {@code components}, the patch fields, generator files and envs, {@code crds}, {@code configurations},
 * {@code generators}, {@code transformers}, {@code validators}, {@code replacements}, {@code openapi},
 * {@code helmCharts} values files and {@code helmGlobals.chartHome}. Inline patches and inline generator
 * configs are not references and are skipped. Parsed with SnakeYAML's safe constructor and a low alias limit.
 */
final class KustomizationReferences {

  /** File names kustomize looks for, in its order. */
  static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** How a reference is followed: into a directory that may hold a kustomization, or as a plain path. */
  enum Kind {
    /** A directory (followed transitively) or a file (its directory counts). */
    DIRECTORY_OR_FILE,
    /** A file: its directory counts. */
    FILE,
    /** A directory that counts as a whole (a chart home), not followed. */
    DIRECTORY
  }

  record Reference(String field, String path, Kind kind) {}

  private static final List<String> DIR_OR_FILE_LISTS =
      List.of("resources", "bases", "components", "generators", "transformers", "validators");
  private static final List<String> FILE_LISTS = List.of("crds", "configurations", "patchesStrategicMerge");
  private static final int MAX_ALIASES = 20;
  private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  private KustomizationReferences() {}

  /** The kustomization file in dir, or null when it has none. */
  static Path find(Path dir) {
    for (String name : FILE_NAMES) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  static List<Reference> read(Path file, String displayName) {
    Object doc;
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (IOException | YAMLException e) {
      throw new SourceException(Failure.INVALID_KUSTOMIZATION, "kustomization " + displayName
          + ": cannot be read: " + firstLine(e.getMessage()), e);
    }
    if (doc == null) {
      return List.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new SourceException(Failure.INVALID_KUSTOMIZATION, "kustomization " + displayName
          + ": is not a mapping");
    }
    List<Reference> refs = new ArrayList<>();
    for (String field : DIR_OR_FILE_LISTS) {
      strings(map.get(field)).stream().filter(s -> !isInline(s))
          .forEach(s -> refs.add(new Reference(field, s, Kind.DIRECTORY_OR_FILE)));
    }
    for (String field : FILE_LISTS) {
      strings(map.get(field)).stream().filter(s -> !isInline(s))
          .forEach(s -> refs.add(new Reference(field, s, Kind.FILE)));
    }
    for (Object patch : list(map.get("patches"))) {
      String path = patch instanceof String s ? s : field(patch, "path");
      if (path != null && !isInline(path)) {
        refs.add(new Reference("patches", path, Kind.FILE));
      }
    }
    for (String field : List.of("patchesJson6902", "replacements")) {
      for (Object item : list(map.get(field))) {
        addFile(refs, field, field(item, "path"));
      }
    }
    for (String field : List.of("configMapGenerator", "secretGenerator")) {
      for (Object gen : list(map.get(field))) {
        for (String f : strings(gen instanceof Map<?, ?> g ? g.get("files") : null)) {
          addFile(refs, field, f.contains("=") ? f.substring(f.indexOf('=') + 1) : f);
        }
        strings(gen instanceof Map<?, ?> g ? g.get("envs") : null).forEach(e -> addFile(refs, field, e));
        addFile(refs, field, field(gen, "env"));
      }
    }
    for (Object chart : list(map.get("helmCharts"))) {
      addFile(refs, "helmCharts", field(chart, "valuesFile"));
      strings(chart instanceof Map<?, ?> c ? c.get("additionalValuesFiles") : null)
          .forEach(v -> addFile(refs, "helmCharts", v));
    }
    String chartHome = field(map.get("helmGlobals"), "chartHome");
    if (chartHome != null) {
      refs.add(new Reference("helmGlobals.chartHome", chartHome, Kind.DIRECTORY));
    }
    addFile(refs, "openapi", field(map.get("openapi"), "path"));
    return refs;
  }

  private static void addFile(List<Reference> refs, String field, String path) {
    if (path != null && !path.isBlank()) {
      refs.add(new Reference(field, path.strip(), Kind.FILE));
    }
  }

  /** An inline patch or config written as a string, not a path. */
  private static boolean isInline(String s) {
    return s.contains("\n") || s.strip().startsWith("{") || s.contains(": ");
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object item : list(o)) {
      if (item instanceof String s && !s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private static String field(Object o, String name) {
    return o instanceof Map<?, ?> m && m.get(name) instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
