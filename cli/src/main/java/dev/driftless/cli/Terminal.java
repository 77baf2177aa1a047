package dev.driftless.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: its output streams, the environment, the home directory (for
 * the config file), whether stdout is a terminal (colours), and the clock. {@link Main} builds the real
 * one; tests pass their own.
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Path home, boolean interactive,
    Clock clock) {

  public static Terminal system() {
    return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
        Path.of(System.getProperty("user.home")), System.console() != null, Clock.systemUTC());
  }
}
