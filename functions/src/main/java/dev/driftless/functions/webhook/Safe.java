package dev.driftless.functions.webhook;

/** Makes caller-supplied words fit for one log line: printable ASCII only, and short. */
final class Safe {

  private Safe() {}

  static String word(String s) {
    if (s == null) return "(none)";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 120; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 120 ? b + "..." : b.toString();
  }
}
