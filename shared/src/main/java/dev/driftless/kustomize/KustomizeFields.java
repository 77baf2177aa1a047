package dev.driftless.kustomize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one list of what kustomize (v5.7.1) reads from a field: every kustomization field and every builtin
 * plugin configuration field that names a file, a directory or a URL. The render checks each before kustomize
 * runs (kustomize loads any of them over HTTP when given a URL); the dependency inference follows the local
 * ones. Kustomize matches field names without
 * regard to case (Go's JSON decoding: {@code PATCHES} is {@code patches}), and so does this list.
 */
public final class KustomizeFields {

  /** How kustomize reads the value. */
  public enum Role {
    /** A file of objects, or a directory holding a kustomization (followed); remote bases are URLs here. */
    RESOURCE,
    /** A file kustomize loads. */
    FILE,
    /** An inline patch or the path of a file holding one. */
    PATCH_OR_FILE,
    /** Generator, transformer or validator configurations: inline, in a file, or a kustomization's output. */
    PLUGIN,
    /** A Helm chart to inflate: helm runs and fetches the chart from its repository. */
    HELM_CHART
  }

  /** A value found in {@code field} (spelt as kustomize documents it, with list indexes). */
  public record Reference(String field, String value, Role role) {}

  private static final List<String> RESOURCE_LISTS = List.of("resources", "bases", "components");
  private static final List<String> FILE_LISTS = List.of("crds", "configurations");
  private static final List<String> PLUGIN_LISTS = List.of("generators", "transformers", "validators");
  private static final List<String> LISTS_OF_PATHS = List.of("patches", "patchesJson6902", "replacements");
  private static final List<String> KEY_VALUE_GENERATORS = List.of("configMapGenerator", "secretGenerator");
  private static final List<String> HELM_LISTS = List.of("helmCharts", "helmChartInflationGenerator");

  private KustomizeFields() {}

  public static List<Reference> ofKustomization(Map<?, ?> kustomization) {
    List<Reference> refs = new ArrayList<>();
    RESOURCE_LISTS.forEach(list -> strings(refs, kustomization, list, Role.RESOURCE));
    FILE_LISTS.forEach(list -> strings(refs, kustomization, list, Role.FILE));
    PLUGIN_LISTS.forEach(list -> strings(refs, kustomization, list, Role.PLUGIN));
    strings(refs, kustomization, "patchesStrategicMerge", Role.PATCH_OR_FILE);
    for (String list : LISTS_OF_PATHS) {
      List<Object> items = items(kustomization, list);
      for (int i = 0; i < items.size(); i++) {
        addAll(refs, list + "[" + i + "].path", values(items.get(i), "path"), Role.FILE);
      }
    }
    for (String list : KEY_VALUE_GENERATORS) {
      List<Object> items = items(kustomization, list);
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Map<?, ?> generator) {
          keyValueSources(refs, list + "[" + i + "].", generator);
        }
      }
    }
    for (String list : HELM_LISTS) {
      List<Object> items = items(kustomization, list);
      for (int i = 0; i < items.size(); i++) {
        Object repo = field(items.get(i), "repo");
        refs.add(new Reference(list + "[" + i + "]", repo == null ? "" : text(repo), Role.HELM_CHART));
        helmFiles(refs, list + "[" + i + "].", items.get(i));
      }
    }
    for (Object openapi : values(kustomization, "openapi")) {
      addAll(refs, "openapi.path", values(openapi, "path"), Role.FILE);
    }
    for (Object globals : values(kustomization, "helmGlobals")) {
      addAll(refs, "helmGlobals.chartHome", values(globals, "chartHome"), Role.FILE);
      addAll(refs, "helmGlobals.configHome", values(globals, "configHome"), Role.FILE);
    }
    return refs;
  }

  /**
   * The fields of a generator, transformer or validator configuration, under {@code prefix}: PatchTransformer
   * and PatchJson6902Transformer {@code path}, PatchStrategicMergeTransformer {@code paths},
   * ConfigMapGenerator and SecretGenerator {@code files}, {@code envs}, {@code env}, ReplacementTransformer
   * {@code replacements[].path}, and a HelmChartInflationGenerator as a whole, with its files. Read from every
   * configuration whatever its kind: a field no builtin has makes kustomize fail anyway.
   */
  public static List<Reference> ofPluginConfig(Map<?, ?> config, String prefix) {
    List<Reference> refs = new ArrayList<>();
    if (values(config, "kind").stream().anyMatch(k -> "HelmChartInflationGenerator".equalsIgnoreCase(text(k)))) {
      Object repo = field(config, "repo");
      refs.add(new Reference(prefix + "HelmChartInflationGenerator", repo == null ? "" : text(repo),
          Role.HELM_CHART));
      helmFiles(refs, prefix, config);
    }
    addAll(refs, prefix + "path", values(config, "path"), Role.FILE);
    strings(refs, config, prefix, "paths", Role.PATCH_OR_FILE);
    keyValueSources(refs, prefix, config);
    List<Object> replacements = items(config, "replacements");
    for (int i = 0; i < replacements.size(); i++) {
      addAll(refs, prefix + "replacements[" + i + "].path", values(replacements.get(i), "path"), Role.FILE);
    }
    return refs;
  }

  /**
   * The local files a chart to inflate reads: {@code valuesFile} and {@code additionalValuesFiles} of a
   * helmCharts entry, {@code chartHome} and {@code values} of the older helmChartInflationGenerator entry
   * (kustomize turns it into the former), and {@code chartHome}, {@code configHome} of the generator plugin.
   */
  private static void helmFiles(List<Reference> refs, String prefix, Object chart) {
    for (String name : List.of("valuesFile", "values", "chartHome", "configHome")) {
      addAll(refs, prefix + name, values(chart, name), Role.FILE);
    }
    if (chart instanceof Map<?, ?> map) {
      strings(refs, map, prefix, "additionalValuesFiles", Role.FILE);
    }
  }

  /** {@code files} (each {@code [key=]path}), {@code envs} and {@code env} of a ConfigMap or Secret generator. */
  private static void keyValueSources(List<Reference> refs, String prefix, Map<?, ?> generator) {
    List<Object> files = items(generator, "files");
    for (int i = 0; i < files.size(); i++) {
      String source = text(files.get(i));
      // kustomize splits "key=path" at its only '='; with more than one it refuses the entry
      String path = source == null || source.indexOf('=') < 0 ? source : source.substring(source.indexOf('=') + 1);
      add(refs, prefix + "files[" + i + "]", path, Role.FILE);
    }
    strings(refs, generator, prefix, "envs", Role.FILE);
    addAll(refs, prefix + "env", values(generator, "env"), Role.FILE);
  }

  private static void strings(List<Reference> refs, Map<?, ?> map, String list, Role role) {
    strings(refs, map, "", list, role);
  }

  private static void strings(List<Reference> refs, Map<?, ?> map, String prefix, String list, Role role) {
    List<Object> items = items(map, list);
    for (int i = 0; i < items.size(); i++) {
      add(refs, prefix + list + "[" + i + "]", items.get(i), role);
    }
  }

  private static void addAll(List<Reference> refs, String field, List<Object> values, Role role) {
    values.forEach(v -> add(refs, field, v, role));
  }

  private static void add(List<Reference> refs, String field, Object value, Role role) {
    String text = text(value);
    if (text != null && !text.isBlank()) {
      refs.add(new Reference(field, text, role));
    }
  }

  /** The values of every key that kustomize would read as {@code name}. */
  public static List<Object> values(Object map, String name) {
    List<Object> out = new ArrayList<>();
    if (map instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (k instanceof String key && key.equalsIgnoreCase(name) && v != null) {
          out.add(v);
        }
      });
    }
    return out;
  }

  private static List<Object> items(Object map, String name) {
    List<Object> out = new ArrayList<>();
    for (Object v : values(map, name)) {
      if (v instanceof List<?> list) {
        out.addAll(list);
      }
    }
    return out;
  }

  private static Object field(Object map, String name) {
    List<Object> found = values(map, name);
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }

  /** A string as kustomize sees it: YAML's {@code !!binary} arrives as its decoded bytes. */
  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
  }
}
