package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless app resources NAME}: each object of an Application with whether it is in sync and its health, and
 * the message that says what holds it back; the table fits 100 columns unless {@code -o wide}.
 */
@Command(name = "resources", mixinStandardHelpOptions = true,
    description = {"List an Application's objects: sync status (what a sync would do), health and its message.",
        "Computed now, as app diff is: the objects Git wants and those a sync would prune."})
final class AppResources extends Leaf {

  @Parameters(paramLabel = "NAME", description = "The Application's name.")
  String name;

  @Override
  public Integer call() {
    JsonNode answer = client().get(app(name) + "/resources");
    Output output = output();
    if (output.structured(answer)) return 0;
    Output.Table t = new Output.Table("GROUP", "KIND", "NAMESPACE", "NAME", "SYNC", "HEALTH", "MESSAGE");
    for (JsonNode r : answer.path("items")) {
      String sync = Output.text(r, "sync");
      String action = Output.text(r, "action");
      t.row(empty(Output.text(r, "group")), r.path("kind").asText(), empty(Output.text(r, "namespace")),
          r.path("name").asText(), "Synced".equals(sync) ? sync : sync + " (" + action + ")",
          Output.text(r, "health"), message(r));
    }
    if (!output.wide()) t.fit(AppHistory.WIDTH, 16);
    t.printOr(out(), "Application " + name + " has no objects.");
    return 0;
  }

  /**
   * The health message without the object's own name, which the row shows already; for an object a sync would skip,
   * the reason.
   */
  private static String message(JsonNode r) {
    String health = Output.text(r, "message");
    if (health == null || health.isBlank()) return Output.text(r, "reason");
    String ns = r.path("namespace").asText("");
    String self = r.path("kind").asText() + " " + (ns.isEmpty() ? "" : ns + "/") + r.path("name").asText() + " ";
    return health.startsWith(self) ? health.substring(self.length()) : health;
  }

  private static String empty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
