package dev.driftless.source;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as Argo CD and Flux read a tag (Masterminds semver's {@code NewVersion}): an optional
 * lowercase {@code v}; one to three numbers, missing ones 0, leading zeros ignored; an optional pre-release after
 * {@code -} (numeric identifiers without leading zeros); build metadata after {@code +}, which plays no part in
 * ordering or matching and is therefore not kept.
 */
record Semver(long major, long minor, long patch, List<String> prerelease) implements Comparable<Semver> {

  static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final Pattern TAG = Pattern.compile(
      "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-(" + IDENTIFIERS + "))?(?:\\+" + IDENTIFIERS + ")?");
  private static final Pattern LEADING_ZERO = Pattern.compile("0\\d+");

  Semver {
    prerelease = List.copyOf(prerelease);
  }

  /** The version a tag name spells, or empty when it spells none. */
  static Optional<Semver> parse(String tag) {
    Matcher m = TAG.matcher(tag);
    return m.matches() ? of(m.group(1), m.group(2), m.group(3), m.group(4)) : Optional.empty();
  }

  /**
   * The version these parts spell (a null number is 0, a null pre-release none), or empty when a number does not
   * fit in 64 bits or a numeric pre-release identifier has a leading zero.
   */
  static Optional<Semver> of(String major, String minor, String patch, String prerelease) {
    List<String> pre = prerelease == null ? List.of() : List.of(prerelease.split("\\."));
    if (pre.stream().anyMatch(i -> LEADING_ZERO.matcher(i).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Semver(number(major), number(minor), number(patch), pre));
    } catch (NumberFormatException e) {
      return Optional.empty(); // too large to be a version number
    }
  }

  private static long number(String s) {
    return s == null ? 0 : Long.parseLong(s);
  }

  boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    if (c == 0) c = Long.compare(minor, o.minor);
    if (c == 0) c = Long.compare(patch, o.patch);
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(prerelease.isEmpty(), o.prerelease.isEmpty());
    }
    for (int i = 0; i < Math.min(prerelease.size(), o.prerelease.size()); i++) {
      c = compareIdentifier(prerelease.get(i), o.prerelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(prerelease.size(), o.prerelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = a.chars().allMatch(Character::isDigit);
    boolean bn = b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (an != bn) {
      return an ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    }
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    String core = major + "." + minor + "." + patch;
    return prerelease.isEmpty() ? core : core + "-" + String.join(".", prerelease);
  }
}
