package dev.driftless.glob;

import java.util.regex.Pattern;

/**
 * Glob patterns as Argo CD matches a project's lists (the gobwas/glob syntax): {@code *} matches any run of
 * characters, {@code ?} one character, {@code [a-z]} / {@code [!a-z]} a class, {@code {a,b}} alternatives, and
 * {@code \} makes the next character literal. With a separator ({@code /} for repository URLs), {@code *} and
 * {@code ?} stop at it and {@code **} crosses it. A pattern that is just {@code *} matches everything, the empty
 * string included. {@link #starOnly} reads the narrower syntax of access-policy patterns, where only {@code *} is
 * special.
 */
public final class Glob {

  /** What {@link #starOnly} escapes: every character the full syntax gives a meaning, except {@code *}. */
  private static final String SPECIAL_BUT_STAR = "\\?[]{},";

  private final String text;
  private final Pattern pattern;

  private Glob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** {@code pattern} in the full syntax; {@code separator} (or null) is the character {@code *} stops at. */
  public static Glob of(String pattern, Character separator) {
    return new Glob(pattern, compile(pattern, separator));
  }

  /**
   * {@code text} with only {@code *} special (any run of characters, {@code /} included) and every other character
   * literal: an IAM name may hold characters ({@code ,}) the full syntax reads otherwise, and a principal pattern
   * must never match more than its text says.
   */
  public static Glob starOnly(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (SPECIAL_BUT_STAR.indexOf(c) >= 0) escaped.append('\\');
      escaped.append(c);
    }
    return new Glob(text, compile(escaped.toString(), null));
  }

  public static boolean matches(String pattern, String text) {
    return matches(pattern, text, null);
  }

  /** Whether {@code text} matches {@code pattern}; {@code separator} (or null) is the character {@code *} stops at. */
  public static boolean matches(String pattern, String text, Character separator) {
    return pattern != null && of(pattern, separator).matches(text);
  }

  /** True for a pattern that denies what it matches ({@code !kube-system}). */
  public static boolean isNegation(String pattern) {
    return pattern != null && pattern.startsWith("!");
  }

  public boolean matches(String s) {
    return s != null && pattern.matcher(s).matches();
  }

  /** The pattern as written. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Pattern compile(String pattern, Character separator) {
    if ("*".equals(pattern)) return Pattern.compile(".*", Pattern.DOTALL);
    String one = separator == null ? "." : "[^" + Pattern.quote(separator.toString()) + "]";
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          boolean crosses = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
          if (crosses) i++;
          re.append(crosses ? ".*" : one + "*");
        }
        case '?' -> re.append(one);
        case '[' -> {
          int end = pattern.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
          } else {
            String body = pattern.substring(i + 1, end);
            boolean negated = body.startsWith("!");
            re.append('[').append(negated ? "^" : "")
                .append(body.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = end;
          }
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            re.append(')');
          } else {
            re.append("\\}");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      // An unclosed brace is a literal in gobwas; match nothing rather than guess.
      return Pattern.compile("(?!)");
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
