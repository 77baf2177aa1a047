package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.inventory.Inventory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Application's status item, its inventory ({@link InventoryStore}) and its history entries. History is kept for a stated time through the
 * table's TTL, not a fixed count. Writes happen under the Application's lease.
 */
public final class StatusStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where status items written before the inventory had items of its own kept it. */
  static final String LEGACY_INVENTORY = "inventory";

  private final DynamoDbClient ddb;
  private final String table;
  private final Duration historyRetention;
  private final InventoryStore inventories;

  public StatusStore(DynamoDbClient ddb, String table, Duration historyRetention) {
    this.ddb = ddb;
    this.table = table;
    this.historyRetention = historyRetention;
    this.inventories = new InventoryStore(ddb, table);
  }

  /**
   * The status item with the inventory read from its own items. A status item written before the inventory
   * moved out still carries it: that inventory is moved to its items here, then taken off the status item.
   */
  public AppStatus get(String app) {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(key("APP#" + app, "STATUS"))
        .consistentRead(true)).item();
    Inventory inventory = inventories.find(app);
    if (inventory == null) inventory = migrated(app, i);
    if (i == null || i.isEmpty()) return AppStatus.initial(app).withInventory(inventory);
    Operation op = null;
    if (i.containsKey("opId")) {
      op = new Operation(Items.str(i, "opId"), Trigger.parse(Items.str(i, "opTrigger")), Items.str(i, "opRevision"),
          Items.str(i, "opStep"), Items.instant(i, "opStartedAt"), (int) Items.num(i, "opAttempt", 1));
    }
    String last = Items.str(i, "lastResult");
    return new AppStatus(app, SyncStatus.valueOf(Items.str(i, "sync")), Items.str(i, "health"),
        Items.str(i, "revision"), Items.instant(i, "revisionTime"), inventory,
        op, last == null ? null : OperationResult.valueOf(last), Items.str(i, "lastMessage"),
        Items.instant(i, "updatedAt"));
  }

  /** The inventory's own items; the apply writes them (ahead of and after its writes to the cluster). */
  public InventoryStore inventories() {
    return inventories;
  }

  private Inventory migrated(String app, Map<String, AttributeValue> status) {
    byte[] legacy = status == null ? null : Items.bytes(status, LEGACY_INVENTORY);
    if (legacy == null) return Inventory.EMPTY;
    Inventory inventory = InventoryCodec.decode(legacy);
    inventories.put(app, inventory);
    ddb.updateItem(r -> r.tableName(table).key(key("APP#" + app, "STATUS"))
        .updateExpression("REMOVE #inv, objects").expressionAttributeNames(Map.of("#inv", LEGACY_INVENTORY)));
    return inventory;
  }

  /**
   * Writes the status item. The inventory is not part of it: an operation that ends in an error, or a scan
   * that read the status before an apply wrote its inventory ahead, cannot put an older inventory back.
   */
  public void put(AppStatus st) {
    Map<String, AttributeValue> i = new HashMap<>(key("APP#" + st.application(), "STATUS"));
    i.put("sync", s(st.sync().name()));
    Items.putIf(i, "health", st.health());
    Items.putIf(i, "revision", st.revision());
    Items.putIf(i, "revisionTime", st.revisionTime());
    if (st.operation() != null) {
      Operation op = st.operation();
      i.put("opId", s(op.id()));
      i.put("opTrigger", s(op.trigger().name()));
      Items.putIf(i, "opRevision", op.revision());
      Items.putIf(i, "opStep", op.step());
      Items.putIf(i, "opStartedAt", op.startedAt());
      i.put("opAttempt", n(op.attempt()));
    }
    if (st.lastResult() != null) i.put("lastResult", s(st.lastResult().name()));
    Items.putIf(i, "lastMessage", st.lastMessage());
    Items.putIf(i, "updatedAt", st.updatedAt());
    ddb.putItem(r -> r.tableName(table).item(i));
  }

  public void record(HistoryEntry h) {
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
    try {
      i.put("counts", s(JSON.writeValueAsString(h.counts())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Items.putIf(i, "message", truncate(h.message(), 2000));
    Items.putIf(i, "deliveryId", h.deliveryId());
    i.put(StateTable.TTL, n(h.startedAt().plus(historyRetention).getEpochSecond()));
    ddb.putItem(r -> r.tableName(table).item(i));
  }

  /** The newest history entries first. */
  public List<HistoryEntry> history(String app, int limit) {
    return ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :h)")
        .expressionAttributeValues(Map.of(":p", s("APP#" + app), ":h", s("HIST#")))
        .scanIndexForward(false).limit(limit)).items().stream().map(i -> entry(app, i)).toList();
  }

  public Optional<HistoryEntry> historyEntry(String app, String id) {
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :h)")
          .expressionAttributeValues(Map.of(":p", s("APP#" + app), ":h", s("HIST#"))).exclusiveStartKey(from));
      for (var i : r.items()) {
        if (id.equals(Items.str(i, "id"))) return Optional.of(entry(app, i));
      }
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return Optional.empty();
  }

  private static HistoryEntry entry(String app, Map<String, AttributeValue> i) {
    Map<String, Integer> counts;
    try {
      counts = JSON.readValue(Items.str(i, "counts"), new TypeReference<Map<String, Integer>>() { });
    } catch (JsonProcessingException e) {
      counts = Map.of();
    }
    return new HistoryEntry(app, Items.str(i, "id"), Instant.parse(Items.str(i, "startedAt")),
        Duration.ofMillis(Items.num(i, "durationMs", 0)), Trigger.valueOf(Items.str(i, "trigger")),
        Items.str(i, "revision"), Items.str(i, "author"), Items.str(i, "commitMessage"),
        OperationResult.valueOf(Items.str(i, "result")), counts, Items.str(i, "message"), Items.str(i, "deliveryId"));
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
