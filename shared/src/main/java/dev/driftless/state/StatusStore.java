package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.s;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * An Application's status item, its inventory ({@link InventoryStore}) and its history entries, as
 * {@link StatusCodec} writes them. History is kept for a stated time through the table's TTL, not a fixed count.
 * Writes happen under the Application's lease.
 */
public final class StatusStore {

  /** Where status items written before the inventory had items of its own kept it. */
  static final String LEGACY_INVENTORY = "inventory";
  /** The status item's digest of what the scan projection holds of it. */
  private static final String PROJECTED = "projected";

  private final DynamoDbClient ddb;
  private final String table;
  private final Duration historyRetention;
  private final InventoryStore inventories;
  private final OperationIndex operations;

  public StatusStore(DynamoDbClient ddb, String table, Duration historyRetention) {
    this.ddb = ddb;
    this.table = table;
    this.historyRetention = historyRetention;
    this.inventories = new InventoryStore(ddb, table);
    this.operations = new OperationIndex(ddb, table);
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
    return StatusCodec.status(app, i, inventory);
  }

  /**
   * The operation the status item records (null when none), read alone, without the inventory: what the drift
   * scan reads per Application to find a pass that crashed ({@link Operation#abandonedAt}).
   */
  public Operation operation(String app) {
    Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).key(key("APP#" + app, "STATUS"))
        .consistentRead(true)).item();
    return i == null || i.isEmpty() ? null : StatusCodec.status(app, i, Inventory.EMPTY).operation();
  }

  /** An Application's stored document and status (with its inventory), as a cluster scan reads them. */
  public record Snapshot(ApplicationStore.Stored application, AppStatus status) {}

  /**
   * The stored documents and statuses of {@code names} on {@code cluster}, read together for a cluster scan (one
   * Query of their projections; see {@link ScanReads}); a name with no stored document is left out.
   */
  public Map<String, Snapshot> forScan(String cluster, Collection<String> names, ApplicationStore applications) {
    return new ScanReads(ddb, table, this, applications).read(cluster, names);
  }

  /** The inventory's own items; the apply writes them (ahead of and after its writes to the cluster). */
  public InventoryStore inventories() {
    return inventories;
  }

  private Inventory migrated(String app, Map<String, AttributeValue> status) {
    byte[] legacy = status == null ? null : Items.bytes(status, LEGACY_INVENTORY);
    if (legacy == null) return Inventory.EMPTY;
    Inventory inventory = InventoryCodec.decode(legacy);
    inventories.migrate(app, inventory);
    ddb.updateItem(r -> r.tableName(table).key(key("APP#" + app, "STATUS"))
        .updateExpression("REMOVE #inv, objects").expressionAttributeNames(Map.of("#inv", LEGACY_INVENTORY)));
    return inventory;
  }

  /**
   * Writes the status item. The inventory is not part of it: an operation that ends in an error, or a scan
   * that read the status before an apply wrote its inventory ahead, cannot put an older inventory back. The item
   * keeps the digest of what the Application's scan projection holds of it ({@link ScanProjectionCodec#digest}):
   * a write that leaves that unchanged is one put, conditioned on the digest; one that changes it (an operation's
   * start and end, a new basis, sync status or health) is a transaction that also invalidates the projection on
   * {@code cluster} and puts or deletes the Application's item in the index of operations in flight.
   */
  public void put(String cluster, AppStatus st) {
    Map<String, AttributeValue> item = StatusCodec.status(st);
    String digest = ScanProjectionCodec.digest(st);
    item.put(PROJECTED, s(digest));
    try {
      ddb.putItem(r -> r.tableName(table).item(item).conditionExpression("#pj = :pj")
          .expressionAttributeNames(Map.of("#pj", PROJECTED)).expressionAttributeValues(Map.of(":pj", s(digest))));
    } catch (ConditionalCheckFailedException e) {
      ddb.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().put(p -> p.tableName(table).item(item))
          .build(), ScanProjections.invalidation(table, cluster, st.application()), operations.indexed(st)));
    }
  }

  /**
   * Writes {@code health} into the status item, for a writer that holds no lease (the cluster scan): the status is
   * read again (strongly consistent) and written only when what the projection holds of it is still what
   * {@code seen} says, on condition that it is not written in between (the same {@code updatedAt}), so a status an
   * operation wrote since is never overwritten. The projection on {@code cluster}, which holds the health, is
   * invalidated in the same transaction. Returns false when nothing was written.
   */
  public boolean putHealth(String cluster, AppStatus seen, HealthStatus health, Instant now) {
    Map<String, AttributeValue> stored = ddb.getItem(r -> r.tableName(table)
        .key(key("APP#" + seen.application(), "STATUS")).consistentRead(true)).item();
    if (stored == null || stored.isEmpty()) return false;
    AppStatus current = StatusCodec.status(seen.application(), stored, Inventory.EMPTY);
    if (current.updatedAt() == null
        || !ScanProjectionCodec.digest(current).equals(ScanProjectionCodec.digest(seen))) {
      return false;
    }
    AppStatus after = current.assessed(current.sync(), health, now);
    Map<String, AttributeValue> item = StatusCodec.status(after);
    item.put(PROJECTED, s(ScanProjectionCodec.digest(after)));
    try {
      ddb.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
          .conditionExpression("updatedAt = :seen")
          .expressionAttributeValues(Map.of(":seen", s(current.updatedAt().toString())))).build(),
          ScanProjections.invalidation(table, cluster, seen.application())));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  /** The index of operations in flight, which the crash check reads instead of every status item. */
  public OperationIndex operations() {
    return operations;
  }

  public void record(HistoryEntry h) {
    ddb.putItem(r -> r.tableName(table).item(StatusCodec.history(h, historyRetention)));
  }

  /** The newest history entries first. */
  public List<HistoryEntry> history(String app, int limit) {
    return ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :h)")
        .expressionAttributeValues(Map.of(":p", s("APP#" + app), ":h", s("HIST#")))
        .scanIndexForward(false).limit(limit)).items().stream().map(i -> StatusCodec.history(app, i)).toList();
  }

  public Optional<HistoryEntry> historyEntry(String app, String id) {
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :h)")
          .expressionAttributeValues(Map.of(":p", s("APP#" + app), ":h", s("HIST#"))).exclusiveStartKey(from));
      for (var i : r.items()) {
        if (id.equals(Items.str(i, "id"))) return Optional.of(StatusCodec.history(app, i));
      }
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return Optional.empty();
  }
}
