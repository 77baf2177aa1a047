package dev.driftless.state;

import static dev.driftless.state.Items.key;

import dev.driftless.inventory.Inventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * What a cluster scan reads of many Applications at once: each one's stored document, status item and first
 * inventory part, in BatchGetItem requests of up to 100 keys, eventually consistent. A stale read only ever sends an
 * Application to a full reconcile (an older basis, version or inventory does not match) or makes the scan's
 * conditional health write fail; it never hides a difference. An inventory of several parts, or one still kept in
 * an older status item, is read as {@link StatusStore#get} reads it.
 */
final class ScanReads {

  private static final int BATCH_KEYS = 99; // three keys per Application, within BatchGetItem's 100

  private final DynamoDbClient ddb;
  private final String table;
  private final StatusStore status;
  private final ApplicationStore applications;

  ScanReads(DynamoDbClient ddb, String table, StatusStore status, ApplicationStore applications) {
    this.ddb = ddb;
    this.table = table;
    this.status = status;
    this.applications = applications;
  }

  Map<String, StatusStore.Snapshot> read(Collection<String> names) {
    List<String> all = new ArrayList<>(new LinkedHashSet<>(names));
    Map<String, StatusStore.Snapshot> out = new HashMap<>();
    for (int i = 0; i < all.size(); i += BATCH_KEYS / 3) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH_KEYS / 3));
      Map<String, Map<String, AttributeValue>> items = fetch(chunk);
      for (String name : chunk) {
        Map<String, AttributeValue> spec = items.get(name + "\nSPEC");
        if (spec == null) continue;
        Optional<ApplicationStore.Stored> stored = applications.fromItem(name, spec);
        if (stored.isEmpty()) continue;
        out.put(name, new StatusStore.Snapshot(stored.get(), status(name, items)));
      }
    }
    return out;
  }

  private AppStatus status(String name, Map<String, Map<String, AttributeValue>> items) {
    Map<String, AttributeValue> st = items.get(name + "\nSTATUS");
    Map<String, AttributeValue> part = items.get(name + "\nINV#0");
    boolean whole = part != null && Items.num(part, "parts", 0) == 1;
    boolean legacy = st != null && st.containsKey(StatusStore.LEGACY_INVENTORY);
    if (!whole && (part != null || legacy)) return status.get(name);
    Inventory inventory = whole ? InventoryCodec.decode(Items.bytes(part, "data")) : Inventory.EMPTY;
    return st == null ? AppStatus.initial(name).withInventory(inventory) : StatusCodec.status(name, st, inventory);
  }

  /** The chunk's items, keyed by {@code <name>\n<sk>}; unprocessed keys asked again until none are left. */
  private Map<String, Map<String, AttributeValue>> fetch(List<String> chunk) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String name : chunk) {
      for (String sk : List.of("SPEC", "STATUS", "INV#0")) keys.add(key("APP#" + name, sk));
    }
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    Map<String, KeysAndAttributes> asked = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
    while (!asked.isEmpty()) {
      Map<String, KeysAndAttributes> request = asked;
      BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(request));
      for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
        out.put(item.get(StateTable.PK).s().substring("APP#".length()) + "\n" + item.get(StateTable.SK).s(), item);
      }
      asked = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
    }
    return out;
  }
}
