package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless app ...}: Applications. */
@Command(name = "app", mixinStandardHelpOptions = true,
    description = "Register, inspect, diff, sync, wait for and roll back Applications.",
    subcommands = {AppCommand.ListApps.class, AppCommand.Get.class, AppHistory.class, AppDiff.class,
        AppSync.Sync.class, AppSync.Rollback.class, AppWait.class, AppResources.class, AppCommand.Create.class,
        AppCommand.Delete.class})
final class AppCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List registered Applications with their sync status and health.")
  static final class ListApps extends Leaf {

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
        description = "Show at most this many Applications (default: all, fetched page by page).")
    int limit;

    @Override
    public Integer call() {
      ArrayNode all = listed("/api/applications", limit);
      if (all == null) return 0;
      Output.Table t = new Output.Table("NAME", "PROJECT", "CLUSTER", "NAMESPACE", "SYNC", "HEALTH", "REVISION",
          "LAST RESULT");
      for (JsonNode a : all) {
        JsonNode st = a.path("status");
        t.row(a.path("name").asText(), Output.text(a, "project"), Output.text(a.path("destination"), "cluster"),
            Output.text(a.path("destination"), "namespace"), Output.text(st, "sync"), Output.text(st, "health"),
            Output.shortSha(Output.text(st, "revision")), Output.text(st, "lastResult"));
      }
      t.printOr(out(), "No Applications registered.");
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show an Application: source, destination, sync policy and status.")
  static final class Get extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The Application's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode a = client().get(app(name));
      if (output().structured(a)) return 0;
      JsonNode st = a.path("status");
      JsonNode op = st.path("operation");
      String operation = op.isObject() ? Output.text(op, "trigger") + " " + Output.text(op, "id")
          + (op.path("running").asBoolean() ? " running since " + Output.text(op, "startedAt") + ", step "
              + step(op) + " (lease until " + Output.text(op, "leaseUntil") + ")"
              : " at step " + step(op)) + " (attempt " + op.path("attempt").asInt() + ")" : null;
      JsonNode policy = a.path("syncPolicy");
      Output.fields(out(), new String[][] {
          {"Name", a.path("name").asText()},
          {"Project", Output.text(a, "project")},
          {"Version", Output.text(a, "version")},
          {"Repository", Output.text(a.path("source"), "repoURL")},
          {"Target revision", Output.text(a.path("source"), "targetRevision")},
          {"Path", Output.text(a.path("source"), "path")},
          {"Cluster", Output.text(a.path("destination"), "cluster")},
          {"Namespace", Output.text(a.path("destination"), "namespace")},
          {"Sync policy", policy.path("automated").asBoolean() ? "automated" + (policy.path("prune").asBoolean()
              ? ", prune" : "") + (policy.path("selfHeal").asBoolean() ? ", self-heal" : "") : "manual"},
          {"Sync status", Output.text(st, "sync")},
          {"Health", Output.text(st, "health")},
          {"Revision", Output.text(st, "revision")},
          {"Objects", Output.text(st, "objects")},
          {"Last result", Output.text(st, "lastResult")},
          {"Last message", Output.text(st, "lastMessage")},
          {"Operation", operation},
          {"Updated", Output.text(st, "updatedAt")},
          {"Owner", Output.text(a, "owner")},
          {"Children", Output.applications(a.path("children"))}});
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Register an Application from a file (Driftless driftless.dev/v1alpha1 or Argo CD "
          + "argoproj.io/v1alpha1, YAML or JSON).",
          "Refuses to replace an existing Application unless --replace or --if-version is given."})
  static final class Create extends Leaf {

    @Mixin
    DocumentOptions options;

    @Override
    public Integer call() {
      ApiClient.Answer a = register(options, "application", Leaf::app, "");
      if (a != null) {
        a.body().path("warnings").forEach(w -> err().println("warning: " + w.asText()));
        err().flush();
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Remove an Application's registration.",
          "With --cascade, its objects are deleted from the cluster first, as Argo CD's cascading delete (objects "
              + "marked Prune=false, such as a namespace CreateNamespace=true made, stay). Without it (or with "
              + "--cascade=false) they stay in the cluster, untouched: nothing is pruned."})
  static final class Delete extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The Application's name.")
    String name;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        paramLabel = "<true|false>",
        description = "Delete the Application's objects from the cluster too (default: ${DEFAULT-VALUE}, unlike "
            + "Argo CD, so that a delete never removes a workload unasked).")
    boolean cascade;

    @Override
    public Integer call() {
      JsonNode a = client().send("DELETE", app(name) + "?cascade=" + cascade, null, null, Map.of()).body();
      if (output().structured(a)) return 0;
      out().println("application " + name + " deleted; " + Output.text(a, "note"));
      out().flush();
      return 0;
    }
  }

  /** The step an operation reached; a new one has reached none yet and starts from the beginning. */
  private static String step(JsonNode op) {
    String step = Output.text(op, "step");
    return step == null ? "start" : step;
  }
}
