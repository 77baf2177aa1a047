package dev.driftless.state;

import dev.driftless.model.OperationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One operation's record: revision (commit, author, message), trigger, result, per-action counts, duration
 * message (the error when it failed) and what caused it, if anything: the webhook delivery id, or for an
 * {@link Trigger#AUDIT} operation the audited write ({@code audit <cluster> <user> <verb> <resource> <object>}), and
 * the options a manual sync was asked with. Never a manifest or a secret value.
 */
public record HistoryEntry(
    String application,
    String id,
    Instant startedAt,
    Duration duration,
    Trigger trigger,
    String revision,
    String author,
    String commitMessage,
    OperationResult result,
    Map<String, Integer> counts,
    String message,
    String deliveryId,
    OperationOptions options) {

  public HistoryEntry {
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    options = options == null ? OperationOptions.NONE : options;
  }

  /** An entry of an operation asked with no options. */
  public HistoryEntry(String application, String id, Instant startedAt, Duration duration, Trigger trigger,
      String revision, String author, String commitMessage, OperationResult result, Map<String, Integer> counts,
      String message, String deliveryId) {
    this(application, id, startedAt, duration, trigger, revision, author, commitMessage, result, counts, message,
        deliveryId, OperationOptions.NONE);
  }
}
