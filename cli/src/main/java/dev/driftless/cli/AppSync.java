package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless app sync} and {@code app rollback}: queue an operation, and optionally follow it. */
final class AppSync {

  private AppSync() {}

  /** Options shared by the commands that queue an operation. */
  abstract static class Queued extends Leaf {

    @Option(names = "--wait", description = "Follow the operation until it ends, printing progress; exit 1 if it "
        + "fails, 3 if --timeout passes first.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m",
        description = "How long --wait waits, such as 90s, 5m or 1h (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--interval", paramLabel = "<duration>", defaultValue = "2s",
        description = "How often --wait polls the status (default: ${DEFAULT-VALUE}).")
    String interval;

    int queued(String name, String trigger, JsonNode answer) {
      boolean structured = output().structured(answer);
      if (!structured) {
        out().println(trigger + " of " + name + " queued at " + Output.text(answer, "requestedAt")
            + (Output.text(answer, "revision") == null ? "" : " (revision " + Output.text(answer, "revision") + ")"));
        out().flush();
      }
      if (!await) return 0;
      // With -o json|yaml, stdout holds the answer only: progress goes to stderr.
      Waiter.End end = new Waiter(client(), structured ? err() : out(), terminal().clock(),
          duration("--interval", interval)).await(app(name), trigger,
              Instant.parse(answer.path("requestedAt").asText()), duration("--timeout", timeout));
      return switch (end) {
        case SUCCEEDED -> 0;
        case FAILED -> Main.FAILED;
        case TIMED_OUT -> Main.TIMED_OUT;
      };
    }

    static Duration duration(String option, String text) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      try {
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
          case 's': return Duration.ofSeconds(n);
          case 'm': return Duration.ofMinutes(n);
          case 'h': return Duration.ofHours(n);
          default: break;
        }
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        // Refused below.
      }
      throw new CliException(option + " must be a duration such as 500ms, 90s, 5m or 1h, not " + text, 2);
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Sync an Application now: queue a manual operation (apply Git to the cluster, prune, assess "
          + "health).")
  static final class Sync extends Queued {

    @Parameters(paramLabel = "NAME", description = "The Application's name.")
    String name;

    @Option(names = "--revision", paramLabel = "<rev>",
        description = "Sync this branch, tag or commit instead of the Application's targetRevision.")
    String revision;

    @Option(names = "--prune", description = "Prune objects that left Git on this sync, even when the Application "
        + "does not prune automatically.")
    boolean prune;

    @Option(names = "--force", description = "Delete and create again objects that server-side apply cannot change "
        + "(immutable fields), and take over fields other managers own (Replace=true and Force=true for this sync).")
    boolean force;

    @Option(names = "--resource", paramLabel = "[GROUP:]KIND:[NAMESPACE/]NAME",
        description = {"Sync only this object (repeatable): others are left untouched, and nothing outside the "
            + "selection is pruned; no hooks run. The group is empty for the core group (:Service:web, "
            + "apps:Deployment:prod/web, ConfigMap:settings)."})
    List<String> resources = new ArrayList<>();

    @Override
    public Integer call() {
      duration("--timeout", timeout);
      duration("--interval", interval);
      ObjectNode body = ApiClient.JSON.createObjectNode();
      if (revision != null) body.put("revision", revision);
      if (prune) body.put("prune", true);
      if (force) body.put("force", true);
      if (!resources.isEmpty()) {
        ArrayNode list = body.putArray("resources");
        resources.forEach(r -> list.add(resource(r)));
      }
      JsonNode a = client().send("POST", app(name) + "/sync", body.toString(), "application/json", Map.of()).body();
      return queued(name, "manual", a);
    }
  }

  /** {@code [GROUP:]KIND:[NAMESPACE/]NAME} as Argo CD's {@code --resource} spells it, as the API's object. */
  static ObjectNode resource(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new CliException("--resource " + text + ": expected [GROUP:]KIND:[NAMESPACE/]NAME, such as "
          + "apps:Deployment:prod/web or ConfigMap:settings", 2);
    }
    String group = parts.length == 3 ? parts[0] : "";
    String kind = parts[parts.length - 2];
    String name = parts[parts.length - 1];
    int slash = name.indexOf('/');
    String namespace = slash < 0 ? "" : name.substring(0, slash);
    name = name.substring(slash + 1);
    if (kind.isBlank() || name.isBlank()) {
      throw new CliException("--resource " + text + ": the kind and the name are required", 2);
    }
    return ApiClient.JSON.createObjectNode().put("group", group).put("kind", kind).put("namespace", namespace)
        .put("name", name);
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Roll an Application back to the revision a history entry synced (see: driftless app "
          + "history NAME).")
  static final class Rollback extends Queued {

    @Parameters(index = "0", paramLabel = "NAME", description = "The Application's name.")
    String name;

    @Parameters(index = "1", paramLabel = "HISTORY_ID",
        description = "The id of the history entry to return to, in full or as app history shows it.")
    String historyId;

    @Override
    public Integer call() {
      duration("--timeout", timeout);
      duration("--interval", interval);
      ObjectNode body = ApiClient.JSON.createObjectNode().put("historyId",
          AppHistory.resolve(client(), name, historyId));
      JsonNode a = client().send("POST", app(name) + "/rollback", body.toString(), "application/json", Map.of())
          .body();
      return queued(name, "rollback", a);
    }
  }
}
