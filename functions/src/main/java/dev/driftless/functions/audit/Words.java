package dev.driftless.functions.audit;

/** Makes words from an audit event fit for one log line or history entry: printable ASCII only, and short. */
final class Words {

  private static final int MAX = 100;

  private Words() {}

  static String safe(String s) {
    if (s == null || s.isEmpty()) return "-";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX; i++) {
      char c = s.charAt(i);
      b.append(c > 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > MAX ? b + "..." : b.toString();
  }
}
