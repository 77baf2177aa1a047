package dev.driftless.source;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** The paths that differ between two commits' trees, renames detected and counted as both paths. */
final class TreeDiff {

  private TreeDiff() {}

  static Set<String> between(Repository repo, ObjectId from, ObjectId to) throws IOException {
    Set<String> paths = new TreeSet<>();
    try (RevWalk walk = new RevWalk(repo);
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repo);
      diff.setDetectRenames(true);
      for (DiffEntry e : diff.scan(walk.parseCommit(from).getTree(), walk.parseCommit(to).getTree())) {
        if (!DiffEntry.DEV_NULL.equals(e.getOldPath())) {
          paths.add(e.getOldPath());
        }
        if (!DiffEntry.DEV_NULL.equals(e.getNewPath())) {
          paths.add(e.getNewPath());
        }
      }
    }
    return paths;
  }
}
