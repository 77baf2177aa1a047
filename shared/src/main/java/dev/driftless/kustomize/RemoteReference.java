package dev.driftless.kustomize;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Tells a reference kustomize would fetch over the network from a local path. */
public final class RemoteReference {

  private static final Pattern HOST_FIRST = Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(:\\d+)?/.*");

  private RemoteReference() {}

  /** Whether kustomize would fetch the reference, found in a kustomization in {@code dir}, over the network. */
  public static boolean isRemote(String ref, Path dir) {
    String r = ref.toLowerCase();
    if (r.contains("://") || r.startsWith("git::") || r.startsWith("git@") || r.contains("?ref=")
        || r.contains("?version=") || r.contains("?submodules=") || r.startsWith("github.com/")
        || r.startsWith("gitlab.com/") || r.startsWith("bitbucket.org/")) {
      return true;
    }
    // "example.com/org/repo//path": remote unless such a local directory exists.
    try {
      return HOST_FIRST.matcher(ref).matches() && !Files.exists(dir.resolve(ref));
    } catch (InvalidPathException e) {
      return true;
    }
  }
}
