package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless app ...}: Applications. */
@Command(name = "app", mixinStandardHelpOptions = true,
    description = "Register, inspect, diff, sync and roll back Applications.",
    subcommands = {AppCommand.ListApps.class, AppCommand.Get.class, AppHistory.class, AppDiff.class,
        AppSync.Sync.class, AppSync.Rollback.class, AppCommand.Create.class, AppCommand.Delete.class})
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
      ArrayNode all = ApiClient.JSON.createArrayNode();
      String next = null;
      do {
        int page = limit > 0 ? Math.min(100, limit - all.size()) : 100;
        JsonNode body = client().get("/api/applications?limit=" + page
            + (next == null ? "" : "&next=" + ApiClient.encode(next)));
        body.path("items").forEach(all::add);
        next = Output.text(body, "next");
      } while (next != null && (limit == 0 || all.size() < limit));
      ObjectNode answer = ApiClient.JSON.createObjectNode();
      answer.set("items", all);
      if (output().structured(answer)) return 0;
      Output.Table t = new Output.Table("NAME", "CLUSTER", "NAMESPACE", "SYNC", "HEALTH", "REVISION", "LAST RESULT");
      for (JsonNode a : all) {
        JsonNode st = a.path("status");
        t.row(a.path("name").asText(), Output.text(a.path("destination"), "cluster"),
            Output.text(a.path("destination"), "namespace"), Output.text(st, "sync"), Output.text(st, "health"),
            Output.shortSha(Output.text(st, "revision")), Output.text(st, "lastResult"));
      }
      if (t.size() == 0) {
        out().println("No Applications registered.");
        out().flush();
      } else {
        t.print(out());
      }
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
          {"Updated", Output.text(st, "updatedAt")}});
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Register an Application from a file (Driftless driftless.dev/v1alpha1 or Argo CD "
          + "argoproj.io/v1alpha1, YAML or JSON).",
          "Refuses to replace an existing Application unless --replace or --if-version is given."})
  static final class Create extends Leaf {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<file>",
        description = "The Application document; .json files are sent as JSON, anything else as YAML.")
    Path file;

    @Option(names = "--replace",
        description = "Replace the Application if it exists, whatever its version (If-Match: *).")
    boolean replace;

    @Option(names = "--if-version", paramLabel = "<version>",
        description = "Replace only this version of the Application (optimistic locking; 0 means create).")
    Long ifVersion;

    @Override
    public Integer call() {
      String document;
      try {
        document = Files.readString(file);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
      }
      String name = nameOf(document);
      boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      String ifMatch = ifVersion != null ? "\"" + ifVersion + "\"" : null;
      if (replace && ifMatch == null) {
        boolean exists;
        try {
          client().get(app(name));
          exists = true;
        } catch (ApiClient.ApiError e) {
          if (e.status() != 404) throw e;
          exists = false;
        }
        ifMatch = exists ? "*" : "0";
      }
      ApiClient.Answer a = client().send("PUT", app(name), document, json ? "application/json" : "application/yaml",
          ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
      if (output().structured(a.body())) return 0;
      out().println("application " + name + " " + (a.status() == 201 ? "created" : "replaced") + " (version "
          + a.body().path("version").asLong() + ")");
      a.body().path("warnings").forEach(w -> err().println("warning: " + w.asText()));
      out().flush();
      err().flush();
      return 0;
    }

    private String nameOf(String document) {
      try {
        JsonNode n = new YAMLMapper().readTree(document);
        String name = n == null ? null : Output.text(n.path("metadata"), "name");
        if (name == null || name.isBlank()) throw new CliException(file + ": metadata.name is required", 2);
        return name;
      } catch (IOException e) {
        throw new CliException(file + ": not valid YAML or JSON", 2);
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = {"Remove an Application's registration.",
          "Its objects stay in the cluster, untouched: nothing is pruned."})
  static final class Delete extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The Application's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode a = client().send("DELETE", app(name), null, null, Map.of()).body();
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
