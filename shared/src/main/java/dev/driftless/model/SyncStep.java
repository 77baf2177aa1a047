package dev.driftless.model;

/**
 * The steps of a sync, in order: PreSync hooks, the staged apply and prune, Sync hooks, the wait for health (only
 * when there are PostSync hooks, which run once every object is healthy), PostSync hooks. An operation saved at
 * its deadline records the step it reached and continues from there.
 */
public enum SyncStep {
  PRE_SYNC, APPLY, SYNC_HOOKS, HEALTH, POST_SYNC, DONE;

  public boolean isAfter(SyncStep other) {
    return ordinal() > other.ordinal();
  }
}
