package dev.driftless.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic-version range as Argo CD ({@code targetRevision}) and Flux ({@code ref.semver}) read it, both with
 * Masterminds semver v3: comparisons {@code = != > < >= <=} (also {@code =>} and {@code =<}), tilde
 * ({@code ~1.2}, {@code ~>1.2}), caret ({@code ^1.2}), wildcards ({@code 1.x}, {@code 1.2.*}, {@code *}) and
 * partial versions ({@code 1.2}), hyphen ranges ({@code 1.2 - 1.4.5}), terms joined by spaces or commas (AND)
 * and alternatives by {@code ||} (OR). Versions may carry a {@code v}.
 *
 * <p>Pre-releases: an alternative admits a pre-release version only when one of its own terms names a
 * pre-release ({@code >=1.2.3-0}); it then compares pre-releases by semver order, across any major.minor.patch.
 * {@code *-0} or {@code >=0.0.0-0} therefore admit every version.
 */
final class SemverRange {

  /** Masterminds' own limits, which also keep a hostile revision from costing much to read. */
  private static final int MAX_LENGTH = 512;
  private static final int MAX_ALTERNATIVES = 32;

  private static final String PART = "(\\d+|[xX*])";
  private static final Pattern TERM = Pattern.compile("(!=|>=|=>|<=|=<|~>|[=<>~^])?\\s*v?" + PART
      + "(?:\\." + PART + ")?(?:\\." + PART + ")?(?:-(" + Semver.IDENTIFIERS + "))?(?:\\+" + Semver.IDENTIFIERS
      + ")?");
  private static final String HYPHEN_END = "v?[0-9xX*]+(?:\\.[0-9xX*]+){0,2}(?:-" + Semver.IDENTIFIERS
      + ")?(?:\\+" + Semver.IDENTIFIERS + ")?";
  private static final Pattern HYPHEN = Pattern.compile("\\s*(" + HYPHEN_END + ")\\s+-\\s+(" + HYPHEN_END + ")\\s*");

  private enum Op {
    EQUAL, NOT_EQUAL, GREATER, LESS, GREATER_OR_EQUAL, LESS_OR_EQUAL, TILDE, CARET;

    static Op of(String symbol) {
      return switch (symbol == null ? "" : symbol) {
        case "", "=" -> EQUAL;
        case "!=" -> NOT_EQUAL;
        case ">" -> GREATER;
        case "<" -> LESS;
        case ">=", "=>" -> GREATER_OR_EQUAL;
        case "<=", "=<" -> LESS_OR_EQUAL;
        case "~", "~>" -> TILDE;
        case "^" -> CARET;
        default -> throw new IllegalArgumentException("unknown operator " + symbol);
      };
    }
  }

  /** Where a term's version stops being exact: {@code 1.2.3} NONE, {@code 1.2} PATCH, {@code 1.x} MINOR, {@code *} ALL. */
  private enum Wildcard { NONE, PATCH, MINOR, ALL }

  /**
   * One comparison. Its version has the wildcard parts as 0 ({@code 1.x} is 1.0.0); each operator reads the
   * wildcard as Masterminds does: {@code >1.2} means a higher minor, {@code <=1.2} any 1.2 patch, {@code =1.2}
   * and {@code 1.2} mean {@code ~1.2}, {@code !=1.2} excludes every 1.2 patch.
   */
  private record Term(Op op, Semver version, Wildcard wildcard) {

    boolean admits(Semver v) {
      int c = v.compareTo(version);
      return switch (op) {
        case EQUAL -> wildcard == Wildcard.NONE ? c == 0 : tilde(v, c);
        case NOT_EQUAL -> notEqual(v, c);
        case GREATER -> greater(v, c);
        case LESS -> c < 0;
        case GREATER_OR_EQUAL -> c >= 0;
        case LESS_OR_EQUAL -> lessOrEqual(v, c);
        case TILDE -> tilde(v, c);
        case CARET -> caret(v, c);
      };
    }

    private boolean notEqual(Semver v, int c) {
      return switch (wildcard) {
        case NONE, ALL -> c != 0;
        case MINOR -> v.major() != version.major();
        case PATCH -> v.major() != version.major() || v.minor() != version.minor()
            || !v.prerelease().equals(version.prerelease());
      };
    }

    private boolean greater(Semver v, int c) {
      return switch (wildcard) {
        case NONE, ALL -> c > 0;
        case MINOR -> v.major() > version.major();
        case PATCH -> v.major() > version.major() || v.major() == version.major() && v.minor() > version.minor();
      };
    }

    private boolean lessOrEqual(Semver v, int c) {
      return switch (wildcard) {
        case NONE -> c <= 0;
        case MINOR -> v.major() <= version.major();
        case PATCH, ALL -> v.major() < version.major()
            || v.major() == version.major() && v.minor() <= version.minor();
      };
    }

    /** At least the version, within its major (and its minor unless the minor is a wildcard). */
    private boolean tilde(Semver v, int c) {
      if (c < 0) {
        return false;
      }
      boolean zero = version.major() == 0 && version.minor() == 0 && version.patch() == 0;
      if (zero && (wildcard == Wildcard.NONE || wildcard == Wildcard.ALL)) {
        return true; // ~0.0.0 and ~* admit everything
      }
      return v.major() == version.major() && (wildcard == Wildcard.MINOR || v.minor() == version.minor());
    }

    /** At least the version, keeping its left-most non-zero part (or the left-most given one). */
    private boolean caret(Semver v, int c) {
      if (c < 0) {
        return false;
      }
      if (version.major() > 0 || wildcard == Wildcard.MINOR) {
        return v.major() == version.major();
      }
      if (v.major() > 0) {
        return false;
      }
      if (version.minor() > 0 || wildcard == Wildcard.PATCH) {
        return v.minor() == version.minor();
      }
      return v.minor() == 0 && v.patch() == version.patch();
    }
  }

  /** Terms that must all hold; pre-releases are admitted only when one of them names a pre-release. */
  private record Alternative(List<Term> terms) {
    boolean admits(Semver v) {
      boolean prereleases = terms.stream().anyMatch(t -> t.version().isPrerelease());
      return (!v.isPrerelease() || prereleases) && terms.stream().allMatch(t -> t.admits(v));
    }
  }

  private final String text;
  private final List<Alternative> alternatives;

  private SemverRange(String text, List<Alternative> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /** The range the text spells, or empty when it is not a semver range (a branch name, say). */
  static Optional<SemverRange> parse(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String rewritten = HYPHEN.matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(2) + " "));
    String[] parts = rewritten.split("\\|\\|", -1);
    if (parts.length > MAX_ALTERNATIVES) {
      return Optional.empty();
    }
    List<Alternative> alternatives = new ArrayList<>();
    for (String part : parts) {
      Optional<Alternative> alternative = alternative(part);
      if (alternative.isEmpty()) {
        return Optional.empty();
      }
      alternatives.add(alternative.get());
    }
    return Optional.of(new SemverRange(text.trim(), List.copyOf(alternatives)));
  }

  /** Terms apart by white space or by one comma; nothing else between them. */
  private static Optional<Alternative> alternative(String text) {
    List<Term> terms = new ArrayList<>();
    Matcher m = TERM.matcher(text);
    int at = skipSpace(text, 0);
    while (true) {
      m.region(at, text.length());
      Optional<Term> term = m.lookingAt() ? term(m) : Optional.empty();
      if (term.isEmpty()) {
        return Optional.empty();
      }
      terms.add(term.get());
      int next = skipSpace(text, m.end());
      if (next == text.length()) {
        return Optional.of(new Alternative(List.copyOf(terms)));
      }
      if (text.charAt(next) == ',') {
        next = skipSpace(text, next + 1);
      } else if (next == m.end()) {
        return Optional.empty();
      }
      at = next;
    }
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Parts after a wildcard are wildcards too ({@code 1.x.3} is {@code 1.x}). */
  private static Optional<Term> term(Matcher m) {
    String major = m.group(2);
    String minor = m.group(3);
    String patch = m.group(4);
    String pre = m.group(5);
    Wildcard wildcard = isWildcard(major) ? Wildcard.ALL : isWildcard(minor) ? Wildcard.MINOR
        : isWildcard(patch) ? Wildcard.PATCH : Wildcard.NONE;
    Optional<Semver> version = switch (wildcard) {
      case ALL -> Semver.of(null, null, null, pre);
      case MINOR -> Semver.of(major, null, null, pre);
      case PATCH -> Semver.of(major, minor, null, pre);
      case NONE -> Semver.of(major, minor, patch, pre);
    };
    return version.map(v -> new Term(Op.of(m.group(1)), v, wildcard));
  }

  private static boolean isWildcard(String part) {
    return part == null || part.equals("*") || part.equalsIgnoreCase("x");
  }

  boolean matches(Semver version) {
    return alternatives.stream().anyMatch(a -> a.admits(version));
  }

  /**
   * The tag naming the highest version in range, or empty when none does. Names may be short
   * ({@code v1.2.0}) or full ({@code refs/tags/v1.2.0}); the name is returned as given. Build metadata plays no
   * part, so when two tags spell the same version ({@code 1.2.0}, {@code v1.2.0}, {@code v1.2.0+build.5}) the
   * greater name wins, so the pick is stable.
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
