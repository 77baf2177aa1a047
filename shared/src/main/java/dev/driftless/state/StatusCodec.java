package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.SyncStep;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The status and history items as the table holds them: the only place where the engine's typed words become
 * strings. Sync status, trigger, step and result are stored by their constant's name, health by Argo CD's word
 * ({@code Progressing}); items written before these were typed hold the same strings and decode alike.
 */
final class StatusCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusCodec() {}

  static Map<String, AttributeValue> status(AppStatus st) {
    Map<String, AttributeValue> i = new HashMap<>(key("APP#" + st.application(), "STATUS"));
    i.put("sync", s(st.sync().name()));
    i.put("health", s(st.health().displayName()));
    Items.putIf(i, "revision", st.revision());
    Items.putIf(i, "revisionTime", st.revisionTime());
    if (st.operation() != null) {
      Operation op = st.operation();
      i.put("opId", s(op.id()));
      i.put("opTrigger", s(op.trigger().name()));
      Items.putIf(i, "opRevision", op.revision());
      if (op.step() != null) i.put("opStep", s(op.step().name()));
      Items.putIf(i, "opStartedAt", op.startedAt());
      i.put("opAttempt", n(op.attempt()));
      if (!op.counts().isEmpty()) i.put("opCounts", s(json(op.counts())));
      Items.putIf(i, "opLeaseUntil", op.leaseUntil());
      if (!op.options().isNone()) i.put("opOptions", s(op.options().toJson().toString()));
      if (op.wave() != null) i.put("opWave", n(op.wave()));
    }
    if (st.lastResult() != null) i.put("lastResult", s(st.lastResult().name()));
    Items.putIf(i, "lastMessage", st.lastMessage());
    Items.putIf(i, "updatedAt", st.updatedAt());
    Items.putIf(i, "failedRevision", st.failedRevision());
    if (st.basis() != null) {
      i.put("basisCommit", s(st.basis().commit()));
      i.put("basisSpec", n(st.basis().specVersion()));
      if (!st.basis().secretVersions().isEmpty()) i.put("basisSecrets", AttributeValue.fromM(st.basis()
          .secretVersions().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
    }
    return i;
  }

  /** The basis of the last plan; null for an item written before bases were recorded. */
  private static ScanBasis basis(Map<String, AttributeValue> i) {
    String commit = Items.str(i, "basisCommit");
    if (commit == null) return null;
    AttributeValue secrets = i.get("basisSecrets");
    Map<String, String> versions = secrets == null || !secrets.hasM() ? Map.of() : secrets.m().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
    return new ScanBasis(commit, Items.num(i, "basisSpec", 0), versions);
  }

  /** The status an item holds; an item without a health word has an unknown health. */
  static AppStatus status(String app, Map<String, AttributeValue> i, Inventory inventory) {
    Operation op = null;
    if (i.containsKey("opId")) {
      op = new Operation(Items.str(i, "opId"), Trigger.parse(Items.str(i, "opTrigger")), Items.str(i, "opRevision"),
          step(app, Items.str(i, "opStep")), Items.instant(i, "opStartedAt"), (int) Items.num(i, "opAttempt", 1),
          counts(Items.str(i, "opCounts")), Items.instant(i, "opLeaseUntil"),
          options(Items.str(i, "opOptions"), "status of application " + app + ": opOptions"),
          i.containsKey("opWave") ? (int) Items.num(i, "opWave", 0) : null);
    }
    String last = Items.str(i, "lastResult");
    return new AppStatus(app, SyncStatus.valueOf(Items.str(i, "sync")),
        HealthStatus.fromDisplayName(Items.str(i, "health")), Items.str(i, "revision"),
        Items.instant(i, "revisionTime"), inventory, op, last == null ? null : OperationResult.valueOf(last),
        Items.str(i, "lastMessage"), Items.instant(i, "updatedAt"), Items.str(i, "failedRevision"), basis(i));
  }

  private static SyncStep step(String app, String word) {
    if (word == null) return null;
    try {
      return SyncStep.valueOf(word);
    } catch (IllegalArgumentException e) {
      throw new DriftlessException("status of application " + app + ": opStep " + word + " is not a sync step");
    }
  }

  static Map<String, AttributeValue> history(HistoryEntry h, Duration retention) {
    Map<String, AttributeValue> i = new HashMap<>(key("APP#" + h.application(),
        "HIST#" + h.startedAt() + "#" + h.id()));
    i.put("id", s(h.id()));
    i.put("startedAt", s(h.startedAt().toString()));
    i.put("durationMs", n(h.duration().toMillis()));
    i.put("trigger", s(h.trigger().name()));
    Items.putIf(i, "revision", h.revision());
    Items.putIf(i, "author", h.author());
    Items.putIf(i, "commitMessage", truncate(h.commitMessage(), 500));
    i.put("result", s(h.result().name()));
    i.put("counts", s(json(h.counts())));
    Items.putIf(i, "message", truncate(h.message(), 2000));
    Items.putIf(i, "deliveryId", h.deliveryId());
    if (!h.options().isNone()) i.put("options", s(h.options().toJson().toString()));
    i.put(StateTable.TTL, n(h.startedAt().plus(retention).getEpochSecond()));
    return i;
  }

  static HistoryEntry history(String app, Map<String, AttributeValue> i) {
    Map<String, Integer> counts = counts(Items.str(i, "counts"));
    return new HistoryEntry(app, Items.str(i, "id"), Instant.parse(Items.str(i, "startedAt")),
        Duration.ofMillis(Items.num(i, "durationMs", 0)), Trigger.valueOf(Items.str(i, "trigger")),
        Items.str(i, "revision"), Items.str(i, "author"), Items.str(i, "commitMessage"),
        OperationResult.valueOf(Items.str(i, "result")), counts, Items.str(i, "message"), Items.str(i, "deliveryId"),
        options(Items.str(i, "options"), "history of application " + app + ": options"));
  }

  /** The options an operation was asked with; none when the item holds none (or predates them). */
  private static OperationOptions options(String json, String origin) {
    if (json == null) return OperationOptions.NONE;
    try {
      return OperationOptions.parse(JSON.readTree(json), origin);
    } catch (JsonProcessingException e) {
      throw new DriftlessException(origin + ": not JSON");
    }
  }

  private static String json(Map<String, Integer> counts) {
    try {
      return JSON.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Per-action counts; none when absent or unreadable. */
  private static Map<String, Integer> counts(String json) {
    if (json == null) return Map.of();
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Integer>>() { });
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
