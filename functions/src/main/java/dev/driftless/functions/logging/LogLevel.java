package dev.driftless.functions.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/** Reads the configured lowest level; an unknown word falls back to info rather than silencing the logs. */
final class LogLevel {

  private LogLevel() {}

  static Level parse(String word) {
    if (word == null || word.isBlank()) return Level.INFO;
    try {
      return Level.valueOf(word.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }
}
