package dev.driftless.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

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

  /** The root command and every subcommand below it, built on a terminal that prints nowhere. */
  static List<CommandLine> commandTree(Path home) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return all(Main.commandLine(new Terminal(sink, sink, Map.of(), home, false, Clock.systemUTC())));
  }

  private static List<CommandLine> all(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(s -> out.addAll(all(s)));
    return out;
  }
}
