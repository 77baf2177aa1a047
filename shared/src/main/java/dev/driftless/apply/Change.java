package dev.driftless.apply;

import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.Redaction;

/**
 * One object's entry in a change set: what the plan decided, how it ended, a readable diff (Secret data
 * masked), a message (the server's reason on failure, or why it was skipped), the live resourceVersion
 * after the operation with the digest of the fields Driftless owns on it ({@link OwnedFields}), and whether the
 * apply takes fields over from other managers (force). {@code desired} is the object to write; it never leaves
 * the process.
 */
public record Change(
    ObjectKey key,
    String apiVersion,
    Action action,
    Outcome outcome,
    String diff,
    String message,
    String digest,
    String resourceVersion,
    String owned,
    int wave,
    boolean force,
    DesiredObject desired) {

  public static Change planned(DesiredObject d, Action action, String diff, String resourceVersion, int wave) {
    return new Change(d.key(), d.apiVersion(), action, Outcome.PLANNED, diff, null, d.digest(), resourceVersion,
        null, wave, false, d);
  }

  public Change with(Outcome outcome, String message, String resourceVersion) {
    return new Change(key, apiVersion, action, outcome, diff, message, digest, resourceVersion, owned, wave, force,
        desired);
  }

  /** The same change with the digest of the fields Driftless owns on the live object (null: unknown). */
  public Change withOwned(String ownedDigest) {
    return new Change(key, apiVersion, action, outcome, diff, message, digest, resourceVersion, ownedDigest, wave,
        force, desired);
  }

  /** The same change, applied with force because it takes fields back from imperative edits. */
  public Change forced(String why) {
    return new Change(key, apiVersion, action, outcome, diff, why, digest, resourceVersion, owned, wave, true,
        desired);
  }

  /** The same change with its diff and message passed through {@code redaction}. */
  public Change redacted(Redaction redaction) {
    return new Change(key, apiVersion, action, outcome, redaction.redact(diff), redaction.redact(message), digest,
        resourceVersion, owned, wave, force, desired);
  }

  @Override
  public String toString() {
    return action + " " + key + (outcome == Outcome.PLANNED ? "" : " -> " + outcome)
        + (message == null ? "" : ": " + message);
  }
}
