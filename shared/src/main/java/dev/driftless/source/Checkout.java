package dev.driftless.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A work tree of one commit in the local cache, shared by every application on the same repo@commit.
 * Read it, never write to it.
 *
 * @param revision the resolved revision the tree holds
 * @param root the tree's root directory
 */
public record Checkout(Revision revision, Path root) {

  public Checkout {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(root, "root");
  }
}
