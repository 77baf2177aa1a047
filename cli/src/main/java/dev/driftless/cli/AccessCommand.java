package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftless access ...}: the access policy (who holds which role on which projects); admins only. */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = "Show or replace the access policy: IAM principals bound to roles (admin, project-admin, "
        + "deployer, viewer) per project. Only admins may call these.",
    subcommands = {AccessCommand.Get.class, AccessCommand.Set.class})
final class AccessCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show the access policy's bindings and its version (-o yaml prints the document).")
  static final class Get extends Leaf {

    @Override
    public Integer call() {
      JsonNode a = client().get("/api/access");
      if (output().structured(a)) return 0;
      Output.Table t = new Output.Table("PRINCIPAL", "ROLE", "PROJECTS");
      for (JsonNode b : a.path("document").path("bindings")) {
        List<String> projects = new ArrayList<>();
        b.path("projects").forEach(p -> projects.add(p.asText()));
        t.row(Output.text(b, "principal"), Output.text(b, "role"),
            projects.isEmpty() ? "*" : String.join(",", projects));
      }
      out().println("version " + a.path("version").asLong());
      t.printOr(out(), "No bindings (only the bootstrap admins may call the API).");
      return 0;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Store the access policy from a file (YAML or JSON).",
          "Refuses to replace a stored policy unless --replace or --if-version is given; refuses a policy that "
              + "leaves no admin when no bootstrap admin is set."},
      footer = {"%nExample policy:", "  bindings:", "    - principal: arn:aws:iam::111122223333:role/platform-*",
          "      role: admin", "    - principal: arn:aws:iam::111122223333:role/team-a-ci", "      role: deployer",
          "      projects: [team-a]"})
  static final class Set extends Leaf {

    @Mixin
    DocumentOptions options;

    @Override
    public Integer call() {
      ApiClient.Answer a = options.put(client(), DocumentFile.read(options.file), "/api/access");
      if (output().structured(a.body())) return 0;
      out().println("access policy " + (a.status() == 201 ? "created" : "replaced") + " (version "
          + a.body().path("version").asLong() + ", " + a.body().path("bindings").asInt() + " bindings)");
      out().flush();
      return 0;
    }
  }
}
