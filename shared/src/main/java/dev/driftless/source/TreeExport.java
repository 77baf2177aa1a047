package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit's tree into a directory: files, executable bits and symlinks (submodules are left out).
 * Like Argo CD, it refuses a tree holding a symlink that points outside the repository, so nothing read
 * from a checkout can reach the rest of the disk.
 */
final class TreeExport {

  private TreeExport() {}

  static void write(Repository repo, RevCommit commit, Path target, String repoName) throws IOException {
    Files.createDirectories(target);
    Path root = target.toRealPath();
    List<Path> links = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || path.contains("\\")) {
          throw unsafe(repoName, commit, path, "the path escapes the repository root");
        }
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        Files.createDirectories(file.getParent());
        if (mode == FileMode.SYMLINK) {
          String to = new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
          Path lexical = file.getParent().resolve(to).normalize();
          if (Path.of(to).isAbsolute() || !lexical.startsWith(root)) {
            throw unsafe(repoName, commit, path, "the symlink points outside the repository (" + to + ")");
          }
          Files.createSymbolicLink(file, Path.of(to));
          links.add(file);
        } else {
          try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            repo.open(walk.getObjectId(0)).copyTo(out);
          }
          if (mode == FileMode.EXECUTABLE_FILE) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
    // Links through other links can leave the root even when each looks inside: check where they land.
    for (Path link : links) {
      try {
        Path real = link.toRealPath();
        if (!real.startsWith(root)) {
          throw unsafe(repoName, commit, root.relativize(link).toString(),
              "the symlink resolves outside the repository");
        }
      } catch (NoSuchFileException e) {
        // dangling inside the tree: harmless, nothing to read
      } catch (IOException e) {
        throw unsafe(repoName, commit, root.relativize(link).toString(), "the symlink cannot be resolved ("
            + e.getClass().getSimpleName() + ")");
      }
    }
  }

  private static SourceException unsafe(String repo, RevCommit commit, String path, String why) {
    return new SourceException(Failure.UNSAFE_PATH, "repository " + RemoteAccess.redact(repo) + " at "
        + commit.name() + ": " + path + ": " + why);
  }
}
