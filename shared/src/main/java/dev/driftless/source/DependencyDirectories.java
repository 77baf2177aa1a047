package dev.driftless.source;

import dev.driftless.kustomize.KustomizationException;
import dev.driftless.kustomize.KustomizationReader;
import dev.driftless.kustomize.KustomizeFields;
import dev.driftless.kustomize.KustomizeFields.Reference;
import dev.driftless.kustomize.KustomizeFields.Role;
import dev.driftless.kustomize.RemoteReference;
import dev.driftless.model.Application;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The directories an application really depends on: its path plus every local directory its
 * kustomizations reference in any field {@link KustomizeFields} lists (the same list the render checks),
 * followed transitively: a referenced directory is walked as a kustomization, a file counts as its directory,
 * and a generator, transformer or validator configuration (inline or in a file) adds the files it names.
 * Remote references (URLs, {@code github.com/...}) are ignored; a reference leaving the repository root ({@code ..},
 * absolute, or a symlink resolving outside) is refused with an error naming the kustomization and the
 * reference. Directories are repository-relative with {@code /} separators, {@code .} for the root.
 */
public final class DependencyDirectories {

  private final SortedSet<String> dirs;

  private DependencyDirectories(SortedSet<String> dirs) {
    this.dirs = Collections.unmodifiableSortedSet(dirs);
  }

  /** Walks the application's path in a checkout. */
  public static DependencyDirectories of(Path checkoutRoot, String appPath) {
    Path root;
    try {
      root = checkoutRoot.toRealPath();
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "checkout " + checkoutRoot + ": cannot be read", e);
    }
    String app = appPath == null || appPath.isBlank() ? "." : appPath.strip();
    Path start = root.resolve(app).normalize();
    if (Path.of(app).isAbsolute() || !start.startsWith(root)) {
      throw new SourceException(Failure.UNSAFE_PATH, "application path " + app
          + ": escapes the repository root");
    }
    start = physical(root, start, () -> "application path " + app + ": resolves outside the repository root");
    return new Walk(root).from(start);
  }

  /**
   * The source's path and what it reaches, plus every path the Application itself names outside it: Jsonnet
   * libraries, kustomize components and patch files, Helm value files and file parameters. A push that changes
   * only one of those changes the render too.
   */
  public static DependencyDirectories of(Path checkoutRoot, Application.Source source) {
    SortedSet<String> all = new TreeSet<>(of(checkoutRoot, source.path()).dirs);
    Path app = Path.of(source.path());
    List<String> named = new ArrayList<>(source.directory().jsonnet().libs());
    if (source.kustomize() != null) {
      source.kustomize().edits().components().forEach(c -> named.add(app.resolve(c).toString()));
      source.kustomize().edits().patches().stream().filter(p -> p.path() != null)
          .forEach(p -> named.add(parent(app.resolve(p.path()))));
    }
    if (source.helm() != null) {
      source.helm().valueFiles().forEach(v -> named.add(parent(app.resolve(v))));
      source.helm().options().fileParameters().values().forEach(v -> named.add(parent(app.resolve(v))));
    }
    for (String path : named) {
      all.addAll(of(checkoutRoot, Path.of(path).normalize().toString()).dirs);
    }
    return new DependencyDirectories(all);
  }

  private static String parent(Path file) {
    Path parent = file.normalize().getParent();
    return parent == null ? "." : parent.toString();
  }

  public SortedSet<String> dirs() {
    return dirs;
  }

  /**
   * Whether a push with these changed paths affects an application with these dependency directories:
   * true when the paths are unknown, or any lies in (or is) one of the directories.
   */
  public static boolean affects(ChangedPaths changed, DependencyDirectories dependencies) {
    if (!changed.known()) {
      return true;
    }
    for (String path : changed.paths()) {
      for (String dir : dependencies.dirs) {
        if (dir.equals(".") || path.equals(dir) || path.startsWith(dir + "/")) {
          return true;
        }
      }
    }
    return false;
  }

  /** One walk from an application's directory through the kustomizations it reaches. */
  private static final class Walk {

    private final Path root;
    private final SortedSet<String> dirs = new TreeSet<>();
    private final Set<Path> visited = new HashSet<>();
    private final Deque<Path> todo = new ArrayDeque<>();

    Walk(Path root) {
      this.root = root;
    }

    DependencyDirectories from(Path start) {
      todo.add(start);
      while (!todo.isEmpty()) {
        Path dir = todo.poll();
        if (visited.add(dir)) {
          dirs.add(relative(root, dir));
          kustomization(dir);
        }
      }
      return new DependencyDirectories(dirs);
    }

    private void kustomization(Path dir) {
      Path file = KustomizationReader.find(dir);
      if (file == null) {
        return;
      }
      String fileName = relative(root, file);
      List<Reference> refs;
      try {
        refs = KustomizationReader.read(file, fileName);
      } catch (KustomizationException e) {
        throw new SourceException(Failure.INVALID_KUSTOMIZATION, e.getMessage(), e);
      }
      for (Reference ref : refs) {
        follow(dir, ref, fileName);
      }
    }

    private void follow(Path dir, Reference ref, String fileName) {
      switch (ref.role()) {
        case HELM_CHART -> { } // names a chart repository, not a path
        case RESOURCE -> {
          Path target = local(dir, ref, fileName);
          if (target != null && Files.isDirectory(target)) {
            todo.add(target);
          } else {
            fileOrDirectory(target);
          }
        }
        case PLUGIN -> plugin(dir, ref, fileName);
        case PATCH_OR_FILE -> {
          if (!ref.value().strip().contains("\n")) {
            fileOrDirectory(local(dir, ref, fileName));
          }
        }
        case FILE -> fileOrDirectory(local(dir, ref, fileName));
      }
    }

    /**
     * A generators, transformers or validators entry: inline configurations, or the path of a directory (walked)
     * or a file of configurations; the files a configuration names count, relative to the kustomization.
     */
    private void plugin(Path dir, Reference ref, String fileName) {
      List<Map<?, ?>> inline = KustomizationReader.configurations(ref.value());
      configurations(dir, inline, ref.field() + ".", fileName);
      if (!inline.isEmpty() && ref.value().strip().contains("\n")) {
        return;
      }
      Path target = local(dir, ref, fileName);
      if (target != null && Files.isDirectory(target)) {
        todo.add(target);
      } else if (target != null && Files.isRegularFile(target)) {
        fileOrDirectory(target);
        configurations(dir, KustomizationReader.configurations(read(target, fileName, ref)), ref.field() + ".",
            fileName);
      }
    }

    private void configurations(Path dir, List<Map<?, ?>> configs, String prefix, String fileName) {
      for (Map<?, ?> config : configs) {
        for (Reference r : KustomizeFields.ofPluginConfig(config, prefix)) {
          if (r.role() != Role.HELM_CHART) {
            fileOrDirectory(local(dir, r, fileName));
          }
        }
      }
    }

    private String read(Path file, String fileName, Reference ref) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new SourceException(Failure.INVALID_KUSTOMIZATION, "kustomization " + fileName + ": " + ref.field()
            + " " + ref.value() + ": cannot be read", e);
      }
    }

    /** A file counts as its directory, a directory as itself; nothing for a remote reference. */
    private void fileOrDirectory(Path target) {
      if (target == null) {
        return;
      }
      Path dir = Files.isDirectory(target) ? target : target.getParent();
      dirs.add(relative(root, dir.startsWith(root) ? dir : root));
    }

    /** The reference as a path inside the root, null when it is remote; throws when it leaves the root. */
    private Path local(Path dir, Reference ref, String fileName) {
      String p = ref.value().strip();
      if (RemoteReference.isRemote(p, dir)) {
        return null;
      }
      Supplier<String> escape = () -> "kustomization " + fileName + ": " + ref.field()
          + " reference " + p + " escapes the repository root";
      Path target;
      try {
        if (p.startsWith("/") || Path.of(p).isAbsolute()) {
          throw new SourceException(Failure.UNSAFE_PATH, escape.get());
        }
        target = dir.resolve(p).normalize();
      } catch (InvalidPathException e) {
        throw new SourceException(Failure.INVALID_KUSTOMIZATION, "kustomization " + fileName + ": " + ref.field()
            + " reference " + p + " is not a valid path", e);
      }
      if (!target.startsWith(root)) {
        throw new SourceException(Failure.UNSAFE_PATH, escape.get());
      }
      return physical(root, target, escape);
    }
  }

  /** The path with symlinks resolved, when it exists; throws when that lands outside the root. */
  private static Path physical(Path root, Path path, Supplier<String> message) {
    if (!Files.exists(path)) {
      return path;
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(root)) {
        throw new SourceException(Failure.UNSAFE_PATH, message.get());
      }
      return real;
    } catch (IOException e) {
      throw new SourceException(Failure.UNSAFE_PATH, message.get() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String relative(Path root, Path p) {
    String rel = root.relativize(p).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  @Override
  public String toString() {
    return "DependencyDirectories" + dirs;
  }
}
