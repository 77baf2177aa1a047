package dev.driftless.state;

import java.util.Locale;

/** Why an operation ran. */
public enum Trigger {
  PUSH, SCHEDULE, MANUAL, ROLLBACK, CONTINUE;

  public static Trigger parse(String s) {
    return valueOf(s.strip().toUpperCase(Locale.ROOT));
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
