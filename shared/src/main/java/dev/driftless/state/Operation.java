package dev.driftless.state;

import dev.driftless.model.OperationOptions;
import dev.driftless.model.SyncStep;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation in flight, saved so that a later invocation can continue it: its id, what triggered it, the
 * commit it syncs, the step it reached (null: it starts from the first), when this attempt's first pass started
 * (null: a retry not started yet), how many attempts it has made, the per-action counts of this attempt's earlier
 * passes, and, while a pass runs, when that pass's lease expires (null: no pass is running; it waits for its
 * continuation or retry). A status whose operation has an expired lease was left by a pass that crashed. The options
 * a manual sync was asked with ({@link OperationOptions}) stay with it through its continuations and retries.
 * {@code wave} is the sync wave an attempt saved at its apply step waits to apply (the earlier waves' objects
 * still progressing), null otherwise: it rides on the save a held pass makes anyway, never a write of its own.
 */
public record Operation(String id, Trigger trigger, String revision, SyncStep step, Instant startedAt, int attempt,
    Map<String, Integer> counts, Instant leaseUntil, OperationOptions options, Integer wave) {

  public Operation {
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    options = options == null ? OperationOptions.NONE : options;
    wave = step == SyncStep.APPLY ? wave : null;
  }

  /** An operation not held between waves. */
  public Operation(String id, Trigger trigger, String revision, SyncStep step, Instant startedAt, int attempt,
      Map<String, Integer> counts, Instant leaseUntil, OperationOptions options) {
    this(id, trigger, revision, step, startedAt, attempt, counts, leaseUntil, options, null);
  }

  /** An operation asked with no options. */
  public Operation(String id, Trigger trigger, String revision, SyncStep step, Instant startedAt, int attempt,
      Map<String, Integer> counts, Instant leaseUntil) {
    this(id, trigger, revision, step, startedAt, attempt, counts, leaseUntil, OperationOptions.NONE);
  }

  /** An operation with no passes counted and none running. */
  public Operation(String id, Trigger trigger, String revision, SyncStep step, Instant startedAt, int attempt) {
    this(id, trigger, revision, step, startedAt, attempt, Map.of(), null);
  }

  /** The first attempt of a new operation. */
  public static Operation start(String id, Trigger trigger, String revision, Instant now) {
    return new Operation(id, trigger, revision, null, now, 1);
  }

  /** The same operation, asked with {@code asked}. */
  public Operation with(OperationOptions asked) {
    return new Operation(id, trigger, revision, step, startedAt, attempt, counts, leaseUntil, asked, wave);
  }

  /** The same operation pinned to {@code revision}: a retry or a continuation deploys that commit, no other. */
  public Operation pinnedTo(String revision) {
    return new Operation(id, trigger, revision, step, startedAt, attempt, counts, leaseUntil, options, wave);
  }

  /** The next attempt, from the first step, with nothing counted: it starts when its first pass does. */
  public Operation retry() {
    return new Operation(id, trigger, revision, null, null, attempt + 1, Map.of(), null, options);
  }

  /** The same attempt, saved at {@code step}, where its continuation starts; no pass runs until then. */
  public Operation at(SyncStep step) {
    return heldAt(step, null);
  }

  /**
   * The same attempt, saved at {@code step} where its continuation starts, held before sync wave {@code wave} (null:
   * not held between waves); no pass runs until then.
   */
  public Operation heldAt(SyncStep step, Integer wave) {
    return new Operation(id, trigger, revision, step, startedAt, attempt, counts, null, options, wave);
  }

  /** The running pass, now at {@code step}: what the status shows while it runs, and where a crash continues. */
  public Operation movedTo(SyncStep step) {
    return new Operation(id, trigger, revision, step, startedAt, attempt, counts, leaseUntil, options, wave);
  }

  /** A pass of this attempt running under a lease until {@code until}; the attempt starts now if it had not. */
  public Operation running(Instant now, Instant until) {
    return new Operation(id, trigger, revision, step, startedAt == null ? now : startedAt, attempt, counts, until,
        options, wave);
  }

  /** With a pass's counts added to those of the earlier passes. */
  public Operation counted(Map<String, Integer> pass) {
    Map<String, Integer> sum = new LinkedHashMap<>(counts);
    pass.forEach((action, n) -> sum.merge(action, n, Integer::sum));
    return new Operation(id, trigger, revision, step, startedAt, attempt, sum, leaseUntil, options, wave);
  }

  /** Whether a pass was running when its lease expired at or before {@code now}: the function stopped. */
  public boolean abandonedAt(Instant now) {
    return leaseUntil != null && !leaseUntil.isAfter(now);
  }
}
