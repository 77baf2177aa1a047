package dev.driftless.project;

import java.time.Instant;

/**
 * Whether the project's sync windows let a sync through now: when not, the reason names the blocking window
 * (kind, schedule, duration, zone) and {@code until} says when it is expected to lift (null when unknown).
 */
public record SyncVerdict(boolean allowed, String reason, Instant until) {

  public static final SyncVerdict ALLOWED = new SyncVerdict(true, null, null);

  static SyncVerdict blocked(String reason, Instant until) {
    return new SyncVerdict(false, reason + (until == null ? "" : " until " + until), until);
  }
}
