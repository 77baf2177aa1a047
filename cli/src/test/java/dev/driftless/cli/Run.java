package dev.driftless.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the driftless command in-process and keeps what it printed. */
record Run(int code, String out, String err) {

  static Run of(Map<String, String> env, Path home, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), new HashMap<>(env), home,
        terminal, Clock.systemUTC()), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run of(Path home, String... args) {
    return of(Map.of(), home, false, args);
  }
}
