package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless appset ...}: ApplicationSets, which generate Applications. */
@Command(name = "appset", mixinStandardHelpOptions = true,
    description = "Register, inspect and remove ApplicationSets.",
    subcommands = {AppSetCommand.ListSets.class, AppSetCommand.Get.class, AppSetCommand.Create.class,
        AppSetCommand.Delete.class})
final class AppSetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String set(String name) {
    return "/api/applicationsets/" + ApiClient.encode(name);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List registered ApplicationSets with their project and how many Applications each generated.")
  static final class ListSets extends Leaf {

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
        description = "Show at most this many sets (default: all, fetched page by page).")
    int limit;

    @Override
    public Integer call() {
      ArrayNode all = listed("/api/applicationsets", limit);
      if (all == null) return 0;
      Output.Table t = new Output.Table("NAME", "PROJECT", "APPLICATIONS");
      for (JsonNode s : all) {
        t.row(s.path("name").asText(), s.path("project").asText(), s.path("applications").asInt());
      }
      t.printOr(out(), "No ApplicationSets registered.");
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show an ApplicationSet and the Applications it generated, with their sync status and health.")
  static final class Get extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The ApplicationSet's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode s = client().get(set(name));
      if (output().structured(s)) return 0;
      Output.fields(out(), new String[][] {
          {"Name", s.path("name").asText()},
          {"Project", Output.text(s, "project")},
          {"Version", Output.text(s, "version")},
          {"Applications", Output.applications(s.path("applications"))},
          {"Last evaluation", s.path("lastEvaluation").isObject() ? Output.text(s.path("lastEvaluation"), "at")
              + (s.path("lastEvaluation").path("failed").asBoolean() ? " failed: " : ": ")
              + Output.text(s.path("lastEvaluation"), "message") : null}});
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Register an ApplicationSet from a file (Argo CD argoproj.io/v1alpha1 ApplicationSet, YAML or "
          + "JSON); its Applications are generated at once.",
          "Refuses to replace an existing set unless --replace or --if-version is given."})
  static final class Create extends Leaf {

    @Mixin
    DocumentOptions options;

    @Override
    public Integer call() {
      register(options, "applicationset", AppSetCommand::set, "; its Applications are being generated");
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Remove an ApplicationSet and the Applications it generated.",
          "An Application's objects are deleted with it when it carries resources-finalizer.argocd.argoproj.io and "
              + "the set does not set preserveResourcesOnDeletion; otherwise they stay."})
  static final class Delete extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The ApplicationSet's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode a = client().send("DELETE", set(name), null, null, Map.of()).body();
      if (output().structured(a)) return 0;
      out().println("applicationset " + name + " deleted: " + a.path("summary").asText());
      out().flush();
      return 0;
    }
  }
}
