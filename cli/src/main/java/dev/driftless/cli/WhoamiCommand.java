package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code driftless whoami}: who the API takes the caller for, and its roles per project. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
    description = "Show the principal the API resolves your call to, and its roles per project.")
final class WhoamiCommand extends Leaf {

  @Override
  public Integer call() {
    JsonNode a = client().get("/api/whoami");
    if (output().structured(a)) return 0;
    String principal = Output.text(a, "principal");
    Output.fields(out(), new String[][] {{"caller", Output.text(a, "caller")},
        {"principal", principal == null ? "anonymous (not an IAM user, role or root ARN)" : principal},
        {"admin", a.path("admin").asBoolean() ? a.path("bootstrapAdmin").asBoolean() ? "yes (bootstrap)" : "yes"
            : "no"}});
    Output.Table t = new Output.Table("ROLE", "PROJECTS");
    for (JsonNode r : a.path("roles")) {
      List<String> projects = new ArrayList<>();
      r.path("projects").forEach(p -> projects.add(p.asText()));
      t.row(Output.text(r, "role"), String.join(",", projects));
    }
    t.printOr(out(), "No roles: every call but this one is refused.");
    return 0;
  }
}
