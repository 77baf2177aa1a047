package dev.driftless.state;

import dev.driftless.model.SyncStep;
import java.time.Instant;

/**
 * An operation in flight, saved so that a later invocation can continue it: its id, what triggered it, the
 * commit it syncs, the step it reached (null: it starts from the first), when it started and how many attempts
 * it has made.
 */
public record Operation(String id, Trigger trigger, String revision, SyncStep step, Instant startedAt, int attempt) {

  /** The first attempt of a new operation. */
  public static Operation start(String id, Trigger trigger, String revision, Instant now) {
    return new Operation(id, trigger, revision, null, now, 1);
  }

  /** The same operation pinned to {@code revision}: a retry or a continuation deploys that commit, no other. */
  public Operation pinnedTo(String revision) {
    return new Operation(id, trigger, revision, step, startedAt, attempt);
  }

  /** The next attempt, from the first step. */
  public Operation retry() {
    return new Operation(id, trigger, revision, null, startedAt, attempt + 1);
  }

  /** The same attempt, saved at {@code step}, where its continuation starts. */
  public Operation at(SyncStep step) {
    return new Operation(id, trigger, revision, step, startedAt, attempt);
  }
}
