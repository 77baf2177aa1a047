package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless project ...}: AppProjects, the fences Applications live in. */
@Command(name = "project", mixinStandardHelpOptions = true,
    description = "Register, inspect and remove projects (AppProjects).",
    subcommands = {ProjectCommand.ListProjects.class, ProjectCommand.Get.class, ProjectCommand.Create.class,
        ProjectCommand.Delete.class})
final class ProjectCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String project(String name) {
    return "/api/projects/" + ApiClient.encode(name);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List registered projects with the repositories and destinations they allow.")
  static final class ListProjects extends Leaf {

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
        description = "Show at most this many projects (default: all, fetched page by page).")
    int limit;

    @Override
    public Integer call() {
      ArrayNode all = listed("/api/projects", limit);
      if (all == null) return 0;
      Output.Table t = new Output.Table("NAME", "SOURCE REPOS", "DESTINATIONS", "SYNC WINDOWS", "OWN WEBHOOK SECRETS");
      for (JsonNode p : all) {
        t.row(p.path("name").asText(), strings(p.path("sourceRepos")), destinations(p.path("destinations")),
            p.path("syncWindows").size(), p.path("ownWebhookSecrets").asBoolean() ? "yes" : "no");
      }
      t.printOr(out(), "No projects registered (Applications without one belong to the implicit default project).");
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show a project: what it allows, its sync windows, and the fields kept but not enforced.")
  static final class Get extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The project's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode p = client().get(project(name));
      if (output().structured(p)) return 0;
      List<String> windows = new ArrayList<>();
      p.path("syncWindows").forEach(w -> windows.add(w.path("window").asText()
          + (w.path("manualSync").asBoolean() ? " manualSync" : "")));
      Output.fields(out(), new String[][] {
          {"Name", p.path("name").asText()},
          {"Description", Output.text(p, "description")},
          {"Version", Output.text(p, "version")},
          {"Source repos", strings(p.path("sourceRepos"))},
          {"Destinations", destinations(p.path("destinations"))},
          {"Sync windows", windows.isEmpty() ? null : String.join("; ", windows)},
          {"Secret references", strings(p.path("secretReferencePrefixes"))},
          {"Own webhook secrets", p.path("ownWebhookSecrets").asBoolean() ? "yes" : "no"},
          {"Not enforced", strings(p.path("notEnforced"))}});
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Register a project from a file (Argo CD argoproj.io/v1alpha1 or driftless.dev/v1alpha1 "
          + "AppProject, YAML or JSON).",
          "Refuses to replace an existing project unless --replace or --if-version is given."})
  static final class Create extends Leaf {

    @Mixin
    DocumentOptions options;

    @Override
    public Integer call() {
      register(options, "project", ProjectCommand::project, "");
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Remove a project.", "Refused while Applications name it: move or delete them first."})
  static final class Delete extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The project's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode a = client().send("DELETE", project(name), null, null, Map.of()).body();
      if (output().structured(a)) return 0;
      out().println("project " + name + " deleted");
      out().flush();
      return 0;
    }
  }

  private static String strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(s -> out.add(s.asText().isEmpty() ? "(all)" : s.asText()));
    return out.isEmpty() ? null : String.join(", ", out);
  }

  private static String destinations(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(d -> out.add((d.path("name").isTextual() ? d.path("name").asText() : d.path("server").asText())
        + "/" + d.path("namespace").asText()));
    return out.isEmpty() ? null : String.join(", ", out);
  }
}
