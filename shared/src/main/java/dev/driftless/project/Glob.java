package dev.driftless.project;

import java.util.regex.Pattern;

/**
 * Glob patterns as Argo CD matches a project's lists (the gobwas/glob syntax): {@code *} matches any run of
 * characters, {@code ?} one character, {@code [a-z]} / {@code [!a-z]} a class, {@code {a,b}} alternatives. With a
 * separator ({@code /} for repository URLs), {@code *} and {@code ?} stop at it and {@code **} crosses it. A
 * pattern that is just {@code *} matches everything, the empty string included.
 */
final class Glob {

  private Glob() {}

  static boolean matches(String pattern, String text) {
    return matches(pattern, text, null);
  }

  /** Whether {@code text} matches {@code pattern}; {@code separator} (or null) is the character {@code *} stops at. */
  static boolean matches(String pattern, String text, Character separator) {
    if (pattern == null || text == null) return false;
    if ("*".equals(pattern)) return true;
    return compile(pattern, separator).matcher(text).matches();
  }

  /** True for a pattern that denies what it matches ({@code !kube-system}). */
  static boolean isNegation(String pattern) {
    return pattern != null && pattern.startsWith("!");
  }

  private static Pattern compile(String pattern, Character separator) {
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
