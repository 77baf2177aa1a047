package dev.driftless.access;

import java.util.regex.Pattern;

/** A pattern where {@code *} stands for any run of characters ({@code /} included) and the rest is literal. */
record Glob(String text, Pattern pattern) {

  static Glob of(String text) {
    StringBuilder re = new StringBuilder();
    for (String part : text.split("\\*", -1)) {
      if (!re.isEmpty()) re.append(".*");
      re.append(Pattern.quote(part));
    }
    return new Glob(text, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  boolean matches(String s) {
    return s != null && pattern.matcher(s).matches();
  }

  boolean isLiteral() {
    return text.indexOf('*') < 0;
  }
}
