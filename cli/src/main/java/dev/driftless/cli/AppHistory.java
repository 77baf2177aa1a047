package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless app history NAME}: the operations on an Application, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Show an Application's operations, newest first: the ids to roll back to, revisions, results.")
final class AppHistory extends Leaf {

  @Parameters(paramLabel = "NAME", description = "The Application's name.")
  String name;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20",
      description = "Show at most this many entries, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    JsonNode h = client().get(app(name) + "/history?limit=" + limit);
    if (output().structured(h)) return 0;
    Output.Table t = new Output.Table("ID", "STARTED", "TRIGGER", "REVISION", "RESULT", "DURATION", "CHANGES",
        "MESSAGE");
    for (JsonNode e : h.path("items")) {
      t.row(Output.text(e, "id"), Output.text(e, "startedAt"), Output.text(e, "trigger"),
          Output.shortSha(Output.text(e, "revision")), Output.text(e, "result"),
          String.format("%.1fs", e.path("durationMs").asLong() / 1000.0), Output.counts(e.path("counts")),
          oneLine(Output.text(e, "message")));
    }
    t.printOr(out(), "No history for " + name + " yet.");
    return 0;
  }

  private static String oneLine(String s) {
    if (s == null) return null;
    String l = s.replaceAll("\\s+", " ");
    return l.length() > 100 ? l.substring(0, 97) + "..." : l;
  }
}
