package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.DriftlessException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An Application's inventory in items of its own, {@code APP#<name>} / {@code INV#<n>}: the compressed
 * inventory ({@link InventoryCodec}) cut into parts that each fit DynamoDB's 400 KB item limit, all written
 * in one transaction (with the deletes of parts a smaller inventory no longer needs), so a reader sees the
 * old inventory or the new one, never a mix. The transaction's 4 MB bound caps an inventory at
 * {@link #MAX_PARTS} parts (some 50,000 objects); a larger one is refused before anything is written.
 */
public final class InventoryStore {

  /** Bytes of compressed inventory per item: the 400 KB item limit less room for keys and attributes. */
  static final int PART_BYTES = 350_000;
  static final int MAX_PARTS = 10;
  private static final String PREFIX = "INV#";

  private final DynamoDbClient ddb;
  private final String table;

  public InventoryStore(DynamoDbClient ddb, String table) {
    this.ddb = ddb;
    this.table = table;
  }

  /** The stored inventory; null when none was ever stored in these items (see {@link StatusStore#get}). */
  Inventory find(String app) {
    List<Map<String, AttributeValue>> parts = parts(app, false);
    if (parts.isEmpty()) return null;
    parts.sort(Comparator.comparingInt(InventoryStore::index));
    long expected = Items.num(parts.get(0), "parts", 0);
    if (expected != parts.size()) {
      throw new DriftlessException("inventory of application " + app + ": " + parts.size()
          + " parts stored, the first names " + expected);
    }
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (Map<String, AttributeValue> p : parts) whole.writeBytes(Items.bytes(p, "data"));
    return InventoryCodec.decode(whole.toByteArray());
  }

  /**
   * Replaces the stored inventory with {@code inventory}, atomically, and invalidates the Application's scan
   * projection on {@code cluster} in the same transaction.
   */
  public void put(String cluster, String app, Inventory inventory) {
    List<TransactWriteItem> writes = writes(app, inventory);
    writes.add(ScanProjections.invalidation(table, cluster, app));
    ddb.transactWriteItems(t -> t.transactItems(writes));
  }

  /**
   * Moves an inventory kept in a status item written before the inventory had items of its own: no projection can
   * hold it yet (a scan writes none for such an Application), so there is none to invalidate.
   */
  void migrate(String app, Inventory inventory) {
    List<TransactWriteItem> writes = writes(app, inventory);
    ddb.transactWriteItems(t -> t.transactItems(writes));
  }

  private List<TransactWriteItem> writes(String app, Inventory inventory) {
    byte[] bytes = InventoryCodec.encode(inventory);
    int count = Math.max(1, (bytes.length + PART_BYTES - 1) / PART_BYTES);
    if (count > MAX_PARTS) {
      throw new InventoryTooLargeException("inventory of application " + app + ": "
          + inventory.entries().size() + " objects take " + bytes.length + " compressed bytes, more than the "
          + MAX_PARTS * PART_BYTES + " one write can hold; nothing was written");
    }
    List<TransactWriteItem> writes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item = new HashMap<>(key("APP#" + app, PREFIX + i));
      item.put("data", Items.b(Arrays.copyOfRange(bytes, i * PART_BYTES, Math.min(bytes.length, (i + 1) * PART_BYTES))));
      item.put("parts", n(count));
      item.put("objects", n(inventory.entries().size()));
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
    }
    for (Map<String, AttributeValue> old : parts(app, true)) {
      if (index(old) >= count) {
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
            .key(key("APP#" + app, old.get(StateTable.SK).s()))).build());
      }
    }
    return writes;
  }

  private List<Map<String, AttributeValue>> parts(String app, boolean keysOnly) {
    return Items.queryAll(ddb, q -> q.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :p AND begins_with(sk, :i)")
        .expressionAttributeValues(Map.of(":p", s("APP#" + app), ":i", s(PREFIX)))
        .projectionExpression(keysOnly ? "sk" : null));
  }

  private static int index(Map<String, AttributeValue> part) {
    return Integer.parseInt(part.get(StateTable.SK).s().substring(PREFIX.length()));
  }
}
