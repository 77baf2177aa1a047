package dev.driftless.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps every path a render reads inside the checked-out repository: the application path, value files,
 * kustomize bases, and symbolic links anywhere below the rendered directory. Checks real paths, so a link
 * pointing out of the repository is caught however it is spelt.
 */
final class RepositoryPaths {

  private final Path root;

  private RepositoryPaths(Path realRoot) {
    this.root = realRoot;
  }

  static RepositoryPaths of(Path repoRoot) {
    try {
      return new RepositoryPaths(repoRoot.toRealPath());
    } catch (IOException e) {
      throw new RenderException("repository " + repoRoot + ": cannot be read: " + e.getMessage(), e);
    }
  }

  Path root() {
    return root;
  }

  /** The application's directory, refused when the path is absolute, climbs with "..", or leaves by a link. */
  Path appDirectory(String appPath) {
    String p = appPath == null || appPath.isBlank() ? "." : appPath.replace('\\', '/');
    if (p.startsWith("/") || Path.of(p).isAbsolute() || List.of(p.split("/")).contains("..")) {
      throw new RenderException("application path " + appPath + ": must be relative and stay inside the repository");
    }
    Path dir = root.resolve(p).normalize();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
      throw new RenderException("application path " + appPath + ": does not exist in the repository");
    }
    Path real = realInside(dir, "application path " + appPath);
    if (!Files.isDirectory(real)) {
      throw new RenderException("application path " + appPath + ": is not a directory");
    }
    return real;
  }

  /** The real path of a file or directory that must be inside the repository; {@code what} names it in errors. */
  Path realInside(Path path, String what) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      throw new RenderException(what + ": cannot be read (missing, or a broken link)");
    }
    if (!real.startsWith(root)) {
      throw new RenderException(what + ": resolves outside the repository (through a symbolic link)");
    }
    return real;
  }

  /** True when the path, once resolved, is inside the repository; a missing path is judged by its spelling. */
  boolean isInside(Path path) {
    try {
      return path.toRealPath().startsWith(root);
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().startsWith(root);
    }
  }

  /** Refuses any symbolic link below the directory that points outside the repository. */
  void checkLinks(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isSymbolicLink).forEach(link -> realInside(link, "file " + relative(link)));
    } catch (IOException e) {
      throw new RenderException("directory " + relative(dir) + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /** The path relative to the repository root, with forward slashes, for origins and messages. */
  String relative(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    String rel = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    return rel.isEmpty() ? "." : rel.replace('\\', '/');
  }
}
