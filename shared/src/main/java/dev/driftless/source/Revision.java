package dev.driftless.source;

import java.time.Instant;
import java.util.Objects;

/**
 * A resolved revision: what was asked for, the ref it resolved to, and the commit with its author and
 * subject line.
 *
 * @param requested the Application's {@code targetRevision} as written
 * @param ref the full ref name it resolved to ({@code refs/heads/main}, {@code refs/tags/v1.2.0}), or
 *     {@code null} when a commit SHA was asked for
 * @param sha the commit's full SHA-1
 * @param authorName the commit author's name
 * @param authorEmail the commit author's email
 * @param commitTime when the commit was made (committer time)
 * @param message the first line of the commit message
 */
public record Revision(String requested, String ref, String sha, String authorName, String authorEmail,
    Instant commitTime, String message) {

  public Revision {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(sha, "sha");
    authorName = authorName == null ? "" : authorName;
    authorEmail = authorEmail == null ? "" : authorEmail;
    message = message == null ? "" : message;
  }

  /** The same commit as asked for by another request (another app on the same repo@sha). */
  Revision asRequested(String otherRequested, String otherRef) {
    return new Revision(otherRequested, otherRef, sha, authorName, authorEmail, commitTime, message);
  }

  /** The first seven characters of the SHA, for messages. */
  public String shortSha() {
    return sha.substring(0, Math.min(7, sha.length()));
  }
}
