package dev.driftless.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic-version range in the npm / Masterminds dialect that Argo CD and Flux users write:
 * comparators ({@code >=1.2.0 <2.0.0}, also comma-separated), alternatives with {@code ||}, X-ranges
 * ({@code 1.x}, {@code 1.2.*}, {@code *}), tilde ({@code ~1.2.3}), caret ({@code ^1.2}) and hyphen ranges
 * ({@code 1.2 - 1.4}). Versions may carry a {@code v} prefix. A pre-release version matches only when a
 * comparator of the same alternative names a pre-release of the same major.minor.patch.
 */
final class SemverRange {

  private enum Op { GT, GTE, LT, LTE, EQ }

  private record Bound(Op op, Semver version) {
    boolean admits(Semver v) {
      int c = v.compareTo(version);
      return switch (op) {
        case GT -> c > 0;
        case GTE -> c >= 0;
        case LT -> c < 0;
        case LTE -> c <= 0;
        case EQ -> c == 0;
      };
    }
  }

  /** A version with wildcards: null parts are {@code x}/{@code *} or absent. */
  private record Partial(Integer major, Integer minor, Integer patch, List<String> pre) {
    boolean full() {
      return major != null && minor != null && patch != null;
    }

    Semver floor() {
      return new Semver(zero(major), zero(minor), zero(patch), pre);
    }

    /** The first version above every version this partial covers (only when not full). */
    Semver ceiling() {
      return minor == null ? Semver.of(major + 1, 0, 0) : Semver.of(major, minor + 1, 0);
    }

    private static int zero(Integer i) {
      return i == null ? 0 : i;
    }
  }

  private static final String PART = "(\\*|x|X|0|[1-9]\\d{0,8})";
  private static final Pattern COMPARATOR = Pattern.compile(
      "(>=|<=|>|<|=|~>|~|\\^)?[vV]?" + PART + "(?:\\." + PART + ")?(?:\\." + PART + ")?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-.]+)?");
  private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");
  private static final Semver NOTHING = new Semver(0, 0, 0, List.of("0"));

  private final String text;
  private final List<List<Bound>> alternatives;

  private SemverRange(String text, List<List<Bound>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /** The range the text spells, or empty when it is not a semver range (a branch name, say). */
  static Optional<SemverRange> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<List<Bound>> alternatives = new ArrayList<>();
    for (String alternative : text.trim().split("\\s*\\|\\|\\s*", -1)) {
      Optional<List<Bound>> bounds = parseAlternative(alternative.trim());
      if (bounds.isEmpty()) {
        return Optional.empty();
      }
      alternatives.add(bounds.get());
    }
    return Optional.of(new SemverRange(text.trim(), alternatives));
  }

  private static Optional<List<Bound>> parseAlternative(String alt) {
    if (alt.isEmpty()) {
      return Optional.empty();
    }
    List<Bound> bounds = new ArrayList<>();
    Matcher hyphen = HYPHEN.matcher(alt);
    if (hyphen.matches()) {
      Optional<Partial> low = partial(hyphen.group(1), false);
      Optional<Partial> high = partial(hyphen.group(2), false);
      if (low.isEmpty() || high.isEmpty()) {
        return Optional.empty();
      }
      bounds.add(new Bound(Op.GTE, low.get().floor()));
      bounds.add(high.get().major() == null ? new Bound(Op.GTE, Semver.of(0, 0, 0))
          : high.get().full() ? new Bound(Op.LTE, high.get().floor()) : new Bound(Op.LT, high.get().ceiling()));
      return Optional.of(bounds);
    }
    String joined = alt.replaceAll("(>=|<=|>|<|=|~>|~|\\^)\\s+", "$1");
    for (String token : joined.split("[\\s,]+")) {
      Matcher m = COMPARATOR.matcher(token);
      if (!m.matches()) {
        return Optional.empty();
      }
      Partial p = toPartial(m);
      if (p == null) {
        return Optional.empty();
      }
      bounds.addAll(desugar(m.group(1) == null ? "=" : m.group(1), p));
    }
    return Optional.of(bounds);
  }

  private static Optional<Partial> partial(String token, boolean allowOp) {
    Matcher m = COMPARATOR.matcher(token);
    if (!m.matches() || (!allowOp && m.group(1) != null)) {
      return Optional.empty();
    }
    return Optional.ofNullable(toPartial(m));
  }

  /** Parts after a wildcard are wildcards too; a pre-release needs a full version. */
  private static Partial toPartial(Matcher m) {
    Integer major = num(m.group(2));
    Integer minor = major == null ? null : num(m.group(3));
    Integer patch = minor == null ? null : num(m.group(4));
    List<String> pre = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
    if (!pre.isEmpty() && patch == null) {
      return null;
    }
    return new Partial(major, minor, patch, pre);
  }

  private static Integer num(String s) {
    return s == null || s.equals("*") || s.equalsIgnoreCase("x") ? null : Integer.valueOf(s);
  }

  private static List<Bound> desugar(String op, Partial p) {
    if (p.major() == null) {
      // "*", ">=*", "<=*", "~*", "^*" admit everything; "<*" and ">*" admit nothing.
      return op.equals(">") || op.equals("<") ? List.of(new Bound(Op.LT, NOTHING)) : List.of();
    }
    Semver floor = p.floor();
    return switch (op) {
      case "=" -> p.full() ? List.of(new Bound(Op.EQ, floor))
          : List.of(new Bound(Op.GTE, floor), new Bound(Op.LT, p.ceiling()));
      case ">" -> List.of(p.full() ? new Bound(Op.GT, floor) : new Bound(Op.GTE, p.ceiling()));
      case ">=" -> List.of(new Bound(Op.GTE, floor));
      case "<" -> List.of(new Bound(Op.LT, floor));
      case "<=" -> List.of(p.full() ? new Bound(Op.LTE, floor) : new Bound(Op.LT, p.ceiling()));
      case "~", "~>" -> List.of(new Bound(Op.GTE, floor), new Bound(Op.LT, p.minor() == null
          ? Semver.of(p.major() + 1, 0, 0) : Semver.of(p.major(), p.minor() + 1, 0)));
      case "^" -> List.of(new Bound(Op.GTE, floor), new Bound(Op.LT, caretCeiling(p)));
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** ^ allows changes that keep the left-most non-zero part. */
  private static Semver caretCeiling(Partial p) {
    if (p.major() > 0 || p.minor() == null) {
      return Semver.of(p.major() + 1, 0, 0);
    }
    if (p.minor() > 0 || p.patch() == null) {
      return Semver.of(0, p.minor() + 1, 0);
    }
    return Semver.of(0, 0, p.patch() + 1);
  }

  boolean matches(Semver version) {
    for (List<Bound> bounds : alternatives) {
      if (bounds.stream().allMatch(b -> b.admits(version)) && (!version.isPrerelease()
          || bounds.stream().anyMatch(b -> b.version().isPrerelease() && b.version().sameCore(version)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tag naming the highest version in range, or empty when none does. Names may be short
   * ({@code v1.2.0}) or full ({@code refs/tags/v1.2.0}); the name is returned as given. When two tags spell
   * the same version ({@code 1.2.0} and {@code v1.2.0}) the greater name wins, so the pick is stable.
   */
  Optional<String> highest(Collection<String> tags) {
    record Candidate(String name, Semver version) {}
    return tags.stream()
        .map(t -> Semver.parse(t.startsWith("refs/tags/") ? t.substring("refs/tags/".length()) : t)
            .map(v -> new Candidate(t, v)).orElse(null))
        .filter(c -> c != null && matches(c.version()))
        .max(Comparator.comparing(Candidate::version).thenComparing(Candidate::name))
        .map(Candidate::name);
  }

  @Override
  public String toString() {
    return text;
  }
}
