package dev.driftless.functions.webhook;

import java.util.Objects;

/**
 * One ref a push moved: its full name ({@code refs/heads/main}, {@code refs/tags/v1.2.3}), the commit before
 * and after (all zeros for a ref created or deleted), and the commit to sync (the tagged commit for an
 * annotated tag where the sender says which, otherwise {@code after}).
 */
public record RefUpdate(String ref, String before, String after, String commit) {

  public static final String HEADS = "refs/heads/";
  public static final String TAGS = "refs/tags/";

  public RefUpdate {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(after, "after");
    commit = commit == null ? after : commit;
  }

  public RefUpdate(String ref, String before, String after) {
    this(ref, before, after, after);
  }

  /** True when the push deleted the ref: nothing to sync. */
  public boolean deleted() {
    return after.chars().allMatch(c -> c == '0');
  }

  public boolean isBranch() {
    return ref.startsWith(HEADS);
  }

  public boolean isTag() {
    return ref.startsWith(TAGS);
  }

  /** The branch or tag name without its {@code refs/heads/} or {@code refs/tags/}. */
  public String shortName() {
    return isBranch() ? ref.substring(HEADS.length()) : isTag() ? ref.substring(TAGS.length()) : ref;
  }
}
