package dev.driftless.render;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks that every dependency a chart declares (in Chart.yaml, or requirements.yaml for apiVersion v1
 * charts) is vendored in its {@code charts/} directory, as a directory or a packaged {@code .tgz}: Driftless
 * renders without network, so it never runs {@code helm dependency build}.
 */
final class HelmDependencies {

  private HelmDependencies() {}

  static void requireVendored(Path chart, String what) {
    for (String file : List.of("Chart.yaml", "requirements.yaml")) {
      Path f = chart.resolve(file);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      for (Map<?, ?> dep : dependencies(f, what + ": " + file)) {
        Object name = dep.get("name");
        if (!(name instanceof String n) || n.isBlank()) {
          throw new RenderException(what + ": " + file + ": a dependency has no name");
        }
        if (!vendored(chart.resolve("charts"), n)) {
          Object repository = dep.get("repository");
          throw new RenderException(what + ": chart dependency " + n
              + (repository == null ? "" : " (repository " + repository + ")")
              + " is not vendored in charts/: run helm dependency build and commit charts/"
              + " (Driftless renders charts without network)");
        }
      }
    }
  }

  private static List<Map<?, ?>> dependencies(Path file, String where) {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(RenderOptions.DEFAULT_MAX_ALIASES);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(lo)).load(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new RenderException(where + ": not readable YAML: " + e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> map) || !(map.get("dependencies") instanceof List<?> deps)) {
      return List.of();
    }
    return deps.stream().filter(d -> d instanceof Map<?, ?>).<Map<?, ?>>map(d -> (Map<?, ?>) d).toList();
  }

  private static boolean vendored(Path charts, String name) {
    if (Files.isRegularFile(charts.resolve(name).resolve("Chart.yaml"))) {
      return true;
    }
    if (!Files.isDirectory(charts)) {
      return false;
    }
    try (DirectoryStream<Path> tgz = Files.newDirectoryStream(charts, name + "-*.tgz")) {
      return tgz.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}
