package dev.driftless.source;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The paths a push changed, computed from Git (a rename counts as both paths), or unknown when the older
 * commit cannot be had (a new branch, a force push): then every application must be treated as affected.
 *
 * @param known whether the paths are known
 * @param paths repository-relative paths with {@code /} separators; empty when unknown
 * @param reason why the paths are unknown; empty when known
 */
public record ChangedPaths(boolean known, SortedSet<String> paths, String reason) {

  public ChangedPaths {
    paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    reason = reason == null ? "" : reason;
    if (!known && !paths.isEmpty()) {
      throw new IllegalArgumentException("unknown changed paths cannot list paths");
    }
  }

  public static ChangedPaths of(Set<String> paths) {
    return new ChangedPaths(true, new TreeSet<>(Objects.requireNonNull(paths, "paths")), "");
  }

  public static ChangedPaths unknown(String reason) {
    return new ChangedPaths(false, new TreeSet<>(), reason);
  }
}
