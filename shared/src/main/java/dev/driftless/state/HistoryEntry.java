package dev.driftless.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One operation's record: revision (commit, author, message), trigger, result, per-action counts, duration
 * message (the error when it failed) and what caused it, if anything: the webhook delivery id, or for an
 * {@link Trigger#AUDIT} operation the audited write ({@code audit <cluster> <user> <verb> <resource> <object>}).
 * Never a manifest or a secret value.
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
    String deliveryId) {

  public HistoryEntry {
    counts = counts == null ? Map.of() : Map.copyOf(counts);
  }
}
