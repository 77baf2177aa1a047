package dev.driftless.apply;

/** What a sync does to one object. */
public enum Action {
  /** Not in the cluster: will be created. */
  CREATE,
  /** In the cluster but different after normalising: will be applied. */
  CONFIGURE,
  /** In the cluster and the same: nothing to write. */
  UNCHANGED,
  /** In the previous inventory, gone from Git, tracked by this Application: will be deleted. */
  PRUNE,
  /** Left alone on purpose (Prune=false, owned by someone else, pruning disabled); the reason says why. */
  SKIP;

  /** True when the action writes to the cluster. */
  public boolean writes() {
    return this == CREATE || this == CONFIGURE || this == PRUNE;
  }

  /** True when the action means the live state differs from Git. */
  public boolean isDrift() {
    return this == CREATE || this == CONFIGURE || this == PRUNE;
  }
}
