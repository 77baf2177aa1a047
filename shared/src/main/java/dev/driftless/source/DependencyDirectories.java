package dev.driftless.source;

import dev.driftless.source.KustomizationReferences.Kind;
import dev.driftless.source.KustomizationReferences.Reference;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The directories an application really depends on: its path plus every local directory its
 * kustomizations reference, followed transitively (a file reference counts as its directory). Remote
 * references (URLs, {@code github.com/...}) are ignored; a reference leaving the repository root ({@code ..},
 * absolute, or a symlink resolving outside) is refused with an error naming the kustomization and the
 * reference. Directories are repository-relative with {@code /} separators, {@code .} for the root.
 */
public final class DependencyDirectories {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(:\\d+)?");

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
    SortedSet<String> dirs = new TreeSet<>();
    Set<Path> visited = new HashSet<>();
    Deque<Path> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      Path dir = todo.poll();
      if (!visited.add(dir)) {
        continue;
      }
      dirs.add(relative(root, dir));
      Path file = KustomizationReferences.find(dir);
      if (file == null) {
        continue;
      }
      String fileName = relative(root, file);
      for (Reference ref : KustomizationReferences.read(file, fileName)) {
        Path target = local(root, dir, ref, fileName);
        if (target == null) {
          continue;
        }
        if (ref.kind() == Kind.DIRECTORY_OR_FILE && Files.isDirectory(target)) {
          todo.add(target);
        } else if (ref.kind() == Kind.DIRECTORY) {
          dirs.add(relative(root, target));
        } else {
          Path parent = Files.isDirectory(target) ? target : target.getParent();
          dirs.add(relative(root, parent.startsWith(root) ? parent : root));
        }
      }
    }
    return new DependencyDirectories(dirs);
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

  /** The reference as a path inside the root, null when it is remote; throws when it leaves the root. */
  private static Path local(Path root, Path dir, Reference ref, String fileName) {
    String p = ref.path();
    if (p.contains("://") || p.startsWith("git@") || p.startsWith("git::") || p.startsWith("ssh:")) {
      return null;
    }
    java.util.function.Supplier<String> escape = () -> "kustomization " + fileName + ": " + ref.field()
        + " reference " + p + " escapes the repository root";
    if (p.startsWith("/") || Path.of(p).isAbsolute()) {
      throw new SourceException(Failure.UNSAFE_PATH, escape.get());
    }
    Path target = dir.resolve(p).normalize();
    if (!target.startsWith(root)) {
      throw new SourceException(Failure.UNSAFE_PATH, escape.get());
    }
    if (!Files.exists(target) && HOST.matcher(p.split("/", 2)[0]).matches() && p.contains("/")) {
      return null; // github.com/org/repo//path?ref=v1 and the like
    }
    return physical(root, target, escape);
  }

  /** The path with symlinks resolved, when it exists; throws when that lands outside the root. */
  private static Path physical(Path root, Path path, java.util.function.Supplier<String> message) {
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
