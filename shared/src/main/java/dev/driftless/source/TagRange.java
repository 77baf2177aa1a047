package dev.driftless.source;

import java.util.Optional;

/**
 * The public face of a semver range for callers outside the source package (the webhook): whether a
 * {@code targetRevision} is a range, and whether a tag name falls in it. The range dialect and the tag
 * spelling are {@link SemverRange}'s and {@link Semver}'s, the same ones revision resolution uses.
 */
public final class TagRange {

  private final SemverRange range;

  private TagRange(SemverRange range) {
    this.range = range;
  }

  /** The range the text spells, or empty when it is not a semver range (a branch name, say). */
  public static Optional<TagRange> parse(String text) {
    return SemverRange.parse(text).map(TagRange::new);
  }

  /** True when the tag (short {@code v1.2.3} or full {@code refs/tags/v1.2.3}) names a version in range. */
  public boolean admits(String tag) {
    String name = tag.startsWith("refs/tags/") ? tag.substring("refs/tags/".length()) : tag;
    return Semver.parse(name).map(range::matches).orElse(false);
  }

  @Override
  public String toString() {
    return range.toString();
  }
}
