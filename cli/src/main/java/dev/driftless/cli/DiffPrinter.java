package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Prints a diff answer as a unified diff per object, with ANSI colours when asked: additions green,
 * removals red, hunk headers cyan, object headers bold. Secret data arrives masked from the API.
 */
final class DiffPrinter {

  static final String RESET = "\u001b[0m";
  static final String BOLD = "\u001b[1m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String CYAN = "\u001b[36m";

  private final PrintWriter out;
  private final boolean color;

  DiffPrinter(PrintWriter out, boolean color) {
    this.out = out;
    this.color = color;
  }

  /** Prints every change but unchanged ones (unless {@code all}); returns how many objects differ. */
  int print(JsonNode answer, boolean all) {
    int differing = 0;
    for (JsonNode c : answer.path("changes")) {
      String action = c.path("action").asText();
      boolean drift = action.equals("create") || action.equals("configure") || action.equals("prune");
      if (drift) differing++;
      if (!drift && !all) continue;
      JsonNode o = c.path("object");
      String kind = o.path("kind").asText() + (o.path("group").asText().isEmpty() ? "" : "." + o.path("group").asText());
      String ns = o.path("namespace").asText();
      String header = "=== " + action + " " + kind + " " + (ns.isEmpty() ? "" : ns + "/") + o.path("name").asText();
      String msg = Output.text(c, "message");
      line(BOLD, header + (msg == null ? "" : " (" + msg + ")"));
      String diff = Output.text(c, "diff");
      if (diff != null && !diff.isEmpty()) {
        for (String l : diff.split("\n", -1)) {
          if (l.isEmpty()) continue;
          line(l.startsWith("+") ? GREEN : l.startsWith("-") ? RED : l.startsWith("@@") ? CYAN : null, l);
        }
      }
    }
    String counts = Output.counts(answer.path("counts"));
    out.println(differing == 0 ? "In sync: no differences." : differing + " object(s) differ: " + counts);
    out.flush();
    return differing;
  }

  private void line(String colour, String text) {
    out.println(color && colour != null ? colour + text + RESET : text);
  }
}
