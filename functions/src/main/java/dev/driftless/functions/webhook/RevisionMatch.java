package dev.driftless.functions.webhook;

import dev.driftless.source.TagRange;
import java.util.regex.Pattern;

/**
 * Whether a pushed ref can change what an Application's {@code targetRevision} resolves to; the sync then
 * resolves it with Git (tag before branch, as {@code git rev-parse} does) and skips pushes that touch none
 * of the Application's directories.
 *
 * <ul>
 *   <li>{@code HEAD} or empty: a push to the default branch, when the payload names it; otherwise nothing
 *       (Bitbucket Data Center names no default branch: use the branch name there).
 *   <li>A full ref ({@code refs/heads/main}, {@code refs/tags/v1}): that ref only, so a tag push never
 *       matches {@code refs/heads/x} and a branch push never matches {@code refs/tags/x}.
 *   <li>A full commit SHA: nothing; a pinned commit does not move.
 *   <li>A short name ({@code main}, {@code v1.2.3}): a branch or a tag of that name. Git resolves a short
 *       name to the tag when one exists, else to the branch, so a tag push of that name changes what the
 *       Application deploys; the webhook cannot tell which exists without Git, and an extra sync costs less
 *       than a missed one (the sync sees the resolved commit unchanged and stops).
 *   <li>A semver range ({@code ^1.2}, {@code >=1.0.0 <2.0.0}): a tag whose version is in range.
 * </ul>
 * A deleted ref matches nothing.
 */
public final class RevisionMatch {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

  private RevisionMatch() {}

  public static boolean matches(String targetRevision, RefUpdate update, String defaultBranch) {
    if (update.deleted() || !(update.isBranch() || update.isTag())) {
      return false;
    }
    String rev = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision.strip();
    if (rev.equals("HEAD")) {
      return defaultBranch != null && update.isBranch() && update.shortName().equals(defaultBranch);
    }
    if (rev.startsWith("refs/")) {
      return rev.equals(update.ref());
    }
    if (FULL_SHA.matcher(rev).matches()) {
      return false;
    }
    if (update.shortName().equals(rev)) {
      return true;
    }
    return update.isTag() && TagRange.parse(rev).map(r -> r.admits(update.shortName())).orElse(false);
  }
}
