package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless app history NAME}: the operations on an Application, newest first. The table fits 100 columns:
 * short operation ids (the first 8 characters of the id, which {@code app rollback} accepts), times to the second,
 * short revisions, the changes that wrote something ({@code +created ~configured -pruned}), the options a sync was
 * asked with and its message, cut to what is left; {@code -o wide} shows them all in full.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Show an Application's operations, newest first: the ids to roll back to, revisions, results.",
        "Ids, revisions and messages are shortened to fit 100 columns; -o wide shows them in full."})
final class AppHistory extends Leaf {

  static final int WIDTH = 100;
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  /** An operation id (a UUID) and what follows it in a history id: an attempt number, {@code -abandoned}. */
  private static final Pattern OPERATION_ID = Pattern.compile(
      "([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(.*)");
  /** The actions that write, in the order the short form shows them. */
  private static final List<String> WRITES = List.of("create", "configure", "prune");

  @Parameters(paramLabel = "NAME", description = "The Application's name.")
  String name;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20",
      description = "Show at most this many entries, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    JsonNode h = client().get(app(name) + "/history?limit=" + limit);
    Output output = output();
    if (output.structured(h)) return 0;
    Output.Table t = output.wide() ? wide(h) : narrow(h);
    t.printOr(out(), "No history for " + name + " yet.");
    return 0;
  }

  private static Output.Table narrow(JsonNode h) {
    Output.Table t = new Output.Table("ID", "STARTED (UTC)", "TRIGGER", "REVISION", "RESULT", "CHANGES", "MESSAGE");
    for (JsonNode e : h.path("items")) {
      t.row(shortId(Output.text(e, "id")), seconds(Output.text(e, "startedAt")), Output.text(e, "trigger"),
          Output.shortSha(Output.text(e, "revision")), Output.text(e, "result"), changes(e.path("counts")),
          asked(e.path("options")) + oneLine(Output.text(e, "message")));
    }
    return t.fit(WIDTH, 12);
  }

  private static Output.Table wide(JsonNode h) {
    Output.Table t = new Output.Table("ID", "STARTED", "TRIGGER", "REVISION", "RESULT", "DURATION", "CHANGES",
        "MESSAGE");
    for (JsonNode e : h.path("items")) {
      t.row(Output.text(e, "id"), Output.text(e, "startedAt"), Output.text(e, "trigger"), Output.text(e, "revision"),
          Output.text(e, "result"), String.format("%.1fs", e.path("durationMs").asLong() / 1000.0),
          Output.counts(e.path("counts")), asked(e.path("options")) + oneLine(Output.text(e, "message")));
    }
    return t;
  }

  /** The first 8 characters of the operation id, and the attempt or {@code -abandoned} after it. */
  static String shortId(String id) {
    if (id == null) return null;
    Matcher m = OPERATION_ID.matcher(id);
    return m.matches() ? m.group(1) + m.group(2) : id;
  }

  /**
   * The full history id an id typed by a user names: itself, or the one entry among the latest 100 whose short id
   * it is (or whose id it begins).
   */
  static String resolve(ApiClient client, String application, String typed) {
    if (OPERATION_ID.matcher(typed).matches()) return typed;
    List<String> matches = new ArrayList<>();
    for (JsonNode e : client.get(app(application) + "/history?limit=100").path("items")) {
      String id = Output.text(e, "id");
      if (id != null && (typed.equals(shortId(id)) || id.startsWith(typed))) matches.add(id);
    }
    if (matches.size() == 1) return matches.get(0);
    if (matches.isEmpty()) {
      throw new CliException("application " + application + ": no history entry " + typed + " among the latest 100 "
          + "(see: driftless app history " + application + ")", Main.API_ERROR);
    }
    throw new CliException("application " + application + ": " + typed + " names " + matches.size()
        + " history entries (" + String.join(", ", matches) + "): give more of the id", 2);
  }

  private static String seconds(String time) {
    if (time == null) return null;
    try {
      return SECONDS.format(Instant.parse(time));
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  /**
   * What an operation wrote, short: {@code +2 ~1 -1} (created, configured, pruned), then what failed or was skipped
   * ({@code failed=1}); unchanged objects are left to {@code -o wide}.
   */
  static String changes(JsonNode counts) {
    // In this order whatever order the operation's passes counted them in; the others after, by name.
    Map<String, Integer> ordered = new TreeMap<>(Comparator.comparingInt((String k) -> {
      int i = WRITES.indexOf(k);
      return i < 0 ? WRITES.size() : i;
    }).thenComparing(Comparator.naturalOrder()));
    counts.fields().forEachRemaining(f -> ordered.put(f.getKey(), f.getValue().asInt()));
    StringBuilder sb = new StringBuilder();
    ordered.forEach((action, n) -> {
      String sign = switch (action) {
        case "create" -> "+";
        case "configure" -> "~";
        case "prune" -> "-";
        default -> null;
      };
      if (action.equals("unchanged") || n == 0) return;
      if (sb.length() > 0) sb.append(' ');
      sb.append(sign == null ? action + "=" : sign).append(n);
    });
    return sb.length() == 0 ? null : sb.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "-" : s.replaceAll("\\s+", " ").strip();
  }

  /** {@code [prune, force, resource apps:Deployment:prod/web] }: the options a sync was asked with, if any. */
  static String asked(JsonNode options) {
    List<String> parts = new ArrayList<>();
    if (options.path("prune").asBoolean()) parts.add("prune");
    if (options.path("force").asBoolean()) parts.add("force");
    for (JsonNode r : options.path("resources")) {
      String ns = r.path("namespace").asText("");
      parts.add("resource " + r.path("group").asText("") + ":" + r.path("kind").asText() + ":"
          + (ns.isEmpty() ? "" : ns + "/") + r.path("name").asText());
    }
    return parts.isEmpty() ? "" : "[" + String.join(", ", parts) + "] ";
  }
}
