package dev.driftless.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.kustomize.KustomizationReader;
import dev.driftless.model.Application;
import dev.driftless.model.KustomizeEdits;
import dev.driftless.model.KustomizeImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the Application's kustomize edits (Argo CD's {@code namePrefix}, {@code images}, {@code replicas}, ...)
 * by writing a kustomization of our own in the render's temporary home that builds on the application's directory.
 * Argo CD runs {@code kustomize edit} on its checkout instead; here the checkout is shared by every Application on
 * the same commit and stays untouched, and the values are data in YAML this class writes, never arguments.
 *
 * <p>Two differences follow from building on top rather than editing: a name prefix or suffix is added to the
 * kustomization's own (Argo CD replaces it), and labels and annotations always override the kustomization's
 * (as Argo CD's {@code forceCommonLabels} and {@code forceCommonAnnotations} do). Components and patch files are
 * relative to the application's directory, as in Argo CD, and must lie inside the repository; components are
 * scanned like the kustomization itself, and patch files are inlined.
 */
final class KustomizeOverlay {

  private static final YAMLMapper YAML = new YAMLMapper();

  private KustomizeOverlay() {}

  /** The directory of the overlay kustomization inside {@code home}, building on {@code dir}. */
  static Path write(RepositoryPaths repo, Path dir, KustomizeEdits edits, KustomizationScanner scanner,
      ToolHome home, String what) {
    Path overlay = home.dir().resolve("overlay");
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    k.put("resources", List.of(relative(overlay, dir)));
    putIfSet(k, "namePrefix", edits.namePrefix());
    putIfSet(k, "nameSuffix", edits.nameSuffix());
    putIfSet(k, "namespace", edits.namespace());
    if (!edits.images().isEmpty()) {
      k.put("images", images(edits.images(), what));
    }
    if (!edits.replicas().isEmpty()) {
      k.put("replicas", edits.replicas().stream().map(r -> Map.of("name", r.name(), "count", r.count())).toList());
    }
    if (!edits.commonLabels().isEmpty()) {
      k.put("labels", List.of(Map.of("pairs", edits.commonLabels(), "includeSelectors", true)));
    }
    if (!edits.commonAnnotations().isEmpty()) {
      k.put("commonAnnotations", edits.commonAnnotations());
    }
    if (!edits.patches().isEmpty()) {
      k.put("patches", patches(repo, dir, edits.patches(), what));
    }
    if (!edits.components().isEmpty()) {
      List<String> components = new ArrayList<>();
      for (String c : edits.components()) {
        components.add(relative(overlay, component(repo, dir, c, scanner, what)));
      }
      k.put("components", components);
    }
    try {
      Files.createDirectories(overlay);
      Files.writeString(overlay.resolve(KustomizationReader.FILE_NAMES.get(0)), YAML.writeValueAsString(k));
    } catch (JsonProcessingException e) {
      throw new RenderException(what + ": cannot write the kustomize options: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new RenderException(what + ": cannot write the kustomize options: " + e.getMessage(), e);
    }
    return overlay;
  }

  private static void putIfSet(Map<String, ? super String> map, String field, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(field, value);
    }
  }

  /** kustomize refuses an absolute path to a base, so the overlay names directories relative to itself. */
  private static String relative(Path overlay, Path target) {
    return overlay.relativize(target).toString().replace('\\', '/');
  }

  private static List<Map<String, String>> images(List<String> specs, String what) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String spec : specs) {
      KustomizeImage image = KustomizeImage.parse(spec);
      if (image == null) {
        throw new RenderException(what + ": spec.source.kustomize.images " + spec
            + " refused: not [name=]newName[:tag][@digest]");
      }
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("name", image.name());
      putIfSet(entry, "newName", image.newName());
      putIfSet(entry, "newTag", image.newTag());
      putIfSet(entry, "digest", image.digest());
      out.add(entry);
    }
    return out;
  }

  private static List<Map<String, Object>> patches(RepositoryPaths repo, Path dir, List<KustomizeEdits.Patch> patches,
      String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (KustomizeEdits.Patch p : patches) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("patch", p.patch() != null ? p.patch() : patchFile(repo, dir, p.path(), what));
      if (!p.target().isEmpty()) {
        entry.put("target", p.target());
      }
      if (!p.options().isEmpty()) {
        entry.put("options", p.options());
      }
      out.add(entry);
    }
    return out;
  }

  private static String patchFile(RepositoryPaths repo, Path dir, String path, String what) {
    String field = what + ": spec.source.kustomize.patches path " + path;
    Path file = inside(repo, dir, path, field);
    if (!Files.isRegularFile(file)) {
      throw new RenderException(field + " is not a file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RenderException(field + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Path component(RepositoryPaths repo, Path dir, String path, KustomizationScanner scanner,
      String what) {
    String field = what + ": spec.source.kustomize.components " + path;
    Path component = inside(repo, dir, path, field);
    if (KustomizationReader.find(component) == null) {
      throw new RenderException(field + " holds no kustomization");
    }
    repo.checkLinks(component);
    scanner.scan(component);
    return component;
  }

  /** The real path of {@code path}, relative to {@code dir}, refused unless it exists inside the repository. */
  private static Path inside(RepositoryPaths repo, Path dir, String path, String field) {
    if (path.contains("://") || path.startsWith("/")) {
      throw new RenderException(field + " refused: must be relative to the source path, inside the repository");
    }
    Path p = dir.resolve(path).normalize();
    if (!p.startsWith(repo.root())) {
      throw new RenderException(field + " resolves outside the repository");
    }
    if (!Files.exists(p)) {
      throw new RenderException(field + " does not exist");
    }
    return repo.realInside(p, field);
  }
}
