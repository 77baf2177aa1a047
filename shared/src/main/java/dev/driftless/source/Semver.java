package dev.driftless.source;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as tags spell it: an optional {@code v}, one to three numbers (missing ones are 0),
 * an optional pre-release after {@code -} and build metadata after {@code +} (ignored in ordering).
 */
record Semver(int major, int minor, int patch, List<String> prerelease) implements Comparable<Semver> {

  private static final Pattern TAG = Pattern.compile(
      "[vV]?(0|[1-9]\\d{0,8})(?:\\.(0|[1-9]\\d{0,8}))?(?:\\.(0|[1-9]\\d{0,8}))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  Semver {
    prerelease = List.copyOf(prerelease);
  }

  static Semver of(int major, int minor, int patch) {
    return new Semver(major, minor, patch, List.of());
  }

  /** The version a tag name spells, or empty when it spells none. */
  static Optional<Semver> parse(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return Optional.of(new Semver(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)), pre));
  }

  private static int number(String s) {
    return s == null ? 0 : Integer.parseInt(s);
  }

  boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** True when both have the same major.minor.patch. */
  boolean sameCore(Semver other) {
    return major == other.major && minor == other.minor && patch == other.patch;
  }

  @Override
  public int compareTo(Semver o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(patch, o.patch);
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
    List<String> parts = new ArrayList<>();
    parts.add(major + "." + minor + "." + patch);
    if (!prerelease.isEmpty()) {
      parts.add(String.join(".", prerelease));
    }
    return String.join("-", parts);
  }
}
