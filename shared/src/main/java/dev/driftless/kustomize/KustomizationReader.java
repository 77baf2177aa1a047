package dev.driftless.kustomize;

import dev.driftless.kustomize.KustomizeFields.Reference;
import java.io.IOException;
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
 * Reads kustomizations for both the dependency inference and the render's safety checks: finds the file in a
 * directory, parses it once and yields the references {@link KustomizeFields} lists, and reads generator,
 * transformer and validator configurations. Parsed with SnakeYAML's safe constructor, a low alias limit, a
 * size limit and no duplicate keys, since the file comes from the repository.
 */
public final class KustomizationReader {

  /** File names kustomize looks for, in its order. */
  public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static final int MAX_ALIASES = 50;
  private static final int MAX_CODE_POINTS = 5 * 1024 * 1024;

  private KustomizationReader() {}

  /** The kustomization file in dir, or null when it has none. */
  public static Path find(Path dir) {
    for (String name : FILE_NAMES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  /** The references the kustomization file makes; {@code where} names it in errors. */
  public static List<Reference> read(Path file, String where) {
    Object doc;
    try {
      doc = yaml().load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new KustomizationException("kustomization " + where + ": cannot be read: " + firstLine(e.getMessage()),
          e);
    }
    if (doc == null) {
      return List.of();
    }
    if (!(doc instanceof Map<?, ?> kustomization)) {
      throw new KustomizationException("kustomization " + where + ": is not a mapping");
    }
    return KustomizeFields.ofKustomization(kustomization);
  }

  /**
   * The configurations in a generators, transformers or validators entry or file: its YAML mappings and those in
   * the {@code items} of a List; none when the text is not YAML.
   */
  public static List<Map<?, ?>> configurations(String text) {
    List<Map<?, ?>> out = new ArrayList<>();
    try {
      for (Object doc : yaml().loadAll(text)) {
        addMappings(doc, out);
      }
    } catch (YAMLException e) {
      return List.of();
    }
    return out;
  }

  private static void addMappings(Object doc, List<Map<?, ?>> out) {
    if (doc instanceof Map<?, ?> map) {
      out.add(map);
      for (Object items : KustomizeFields.values(map, "items")) {
        if (items instanceof List<?> list) {
          list.forEach(item -> addMappings(item, out));
        }
      }
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
