package dev.driftless.render;

import dev.driftless.kustomize.KustomizationException;
import dev.driftless.kustomize.KustomizationReader;
import dev.driftless.kustomize.KustomizeFields;
import dev.driftless.kustomize.KustomizeFields.Reference;
import dev.driftless.kustomize.RemoteReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a kustomization and everything local it builds on, before kustomize runs, and refuses what would
 * reach outside the repository: a URL or remote base in any field {@link KustomizeFields} lists, and a Helm
 * chart to inflate, unless the application allows remote bases; and local paths that resolve outside the
 * repository (kustomize's root-only load restrictor allows bases anywhere on the disk). Generator, transformer
 * and validator configurations are read too, inline, from their files, or as the objects of a kustomization
 * directory named there, since their own fields name files kustomize loads.
 */
final class KustomizationScanner {

  private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]*@");

  /** A directory scanned, and whether its objects are plugin configurations. */
  private record Visit(Path dir, boolean pluginOutput) {}

  private final RepositoryPaths repo;
  private final boolean allowRemote;
  private final Set<Visit> visited = new HashSet<>();

  KustomizationScanner(RepositoryPaths repo, boolean allowRemote) {
    this.repo = repo;
    this.allowRemote = allowRemote;
  }

  /** Scans the kustomization in {@code dir} and, recursively, every local directory and file it refers to. */
  void scan(Path dir) {
    scan(dir, false);
  }

  private void scan(Path dir, boolean pluginOutput) {
    Path real = repo.realInside(dir, "kustomize directory " + repo.relative(dir));
    if (!visited.add(new Visit(real, pluginOutput))) {
      return;
    }
    Path file = KustomizationReader.find(real);
    if (file == null) {
      return;
    }
    String where = repo.relative(file);
    List<Reference> refs;
    try {
      refs = KustomizationReader.read(file, where);
    } catch (KustomizationException e) {
      throw new RenderException(e.getMessage(), e);
    }
    for (Reference ref : refs) {
      check(where, real, ref, pluginOutput);
    }
  }

  private void check(String where, Path dir, Reference ref, boolean pluginOutput) {
    switch (ref.role()) {
      case HELM_CHART -> {
        if (!allowRemote) {
          throw new RenderException(where + ": " + ref.field() + ": inflating a Helm chart"
              + (ref.value().isBlank() ? "" : " from " + redact(ref.value()))
              + " not allowed (it runs helm, which fetches the chart; the Application does not allow remote bases)");
        }
      }
      case PLUGIN -> plugin(where, dir, ref);
      case PATCH_OR_FILE -> {
        if (singleLine(ref.value()) || KustomizationReader.configurations(ref.value()).isEmpty()) {
          local(where, dir, ref);
        }
      }
      case RESOURCE -> {
        Path target = local(where, dir, ref);
        if (target != null && Files.isDirectory(target)) {
          scan(target, pluginOutput);
        } else if (target != null && pluginOutput && Files.isRegularFile(target)) {
          pluginFile(dir, target);
        }
      }
      case FILE -> local(where, dir, ref);
    }
  }

  /**
   * A generators, transformers or validators entry: kustomize reads it as inline configurations when it parses
   * as YAML mappings, else as a path. A single line is checked both ways, so no spelling slips between them.
   */
  private void plugin(String where, Path dir, Reference ref) {
    List<Map<?, ?>> inline = KustomizationReader.configurations(ref.value());
    for (Map<?, ?> config : inline) {
      for (Reference r : KustomizeFields.ofPluginConfig(config, ref.field() + ".")) {
        check(where, dir, r, false);
      }
    }
    if (!inline.isEmpty() && !singleLine(ref.value())) {
      return;
    }
    Path target = local(where, dir, ref);
    if (target != null && Files.isDirectory(target)) {
      scan(target, true);
    } else if (target != null && Files.isRegularFile(target)) {
      pluginFile(dir, target);
    }
  }

  /** The configurations in a plugin file; their paths are loaded from the kustomization's directory. */
  private void pluginFile(Path kustomizationDir, Path file) {
    String where = repo.relative(file);
    Path real = repo.realInside(file, where);
    String text;
    try {
      text = Files.readString(real);
    } catch (IOException e) {
      throw new RenderException(where + ": cannot be read: " + e.getMessage());
    }
    for (Map<?, ?> config : KustomizationReader.configurations(text)) {
      for (Reference r : KustomizeFields.ofPluginConfig(config, "")) {
        check(where, kustomizationDir, r, false);
      }
    }
  }

  /**
   * Refuses a remote reference unless allowed, and a local one outside the repository; returns the local
   * path, or null for an allowed remote reference.
   */
  private Path local(String where, Path dir, Reference ref) {
    String value = ref.value().strip();
    if (RemoteReference.isRemote(value, dir)) {
      if (!allowRemote) {
        throw new RenderException(where + ": " + ref.field() + ": remote URL " + redact(value)
            + " not allowed (the Application does not allow remote bases: spec.source.kustomize.allowRemoteBases)");
      }
      return null;
    }
    Path target;
    try {
      target = dir.resolve(value).normalize();
    } catch (InvalidPathException e) {
      throw new RenderException(where + ": " + ref.field() + ": " + value + " is not a valid path");
    }
    if (!repo.isInside(target)) {
      throw new RenderException(where + ": " + ref.field() + ": " + value + " resolves outside the repository");
    }
    return target;
  }

  private static boolean singleLine(String value) {
    return !value.strip().contains("\n");
  }

  /** A URL's user and password stay out of messages. */
  private static String redact(String url) {
    return USER_INFO.matcher(url).replaceAll("$1***@");
  }
}
