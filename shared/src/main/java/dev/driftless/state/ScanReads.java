package dev.driftless.state;

import static dev.driftless.state.Items.key;

import dev.driftless.inventory.Inventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * What a cluster scan reads of many Applications at once: their scan projections ({@link ScanProjectionCodec}), in
 * one Query of the cluster's partition, eventually consistent. A stale read only ever sends an Application to a
 * full reconcile (an older basis, version or inventory does not match) or makes the scan's conditional health
 * write fail; it never hides a difference. An Application whose projection is missing or was invalidated has its
 * stored document, status item and first inventory part read instead (BatchGetItem, strongly consistent), and its
 * projection written from them, on condition that no writer invalidated it since; one too large for a projection
 * is read so every time. An inventory of several parts, or one still kept in an older status item, is read as
 * {@link StatusStore#get} reads it.
 */
final class ScanReads {

  private static final int BATCH_KEYS = 99; // three keys per Application, within BatchGetItem's 100

  private final DynamoDbClient ddb;
  private final String table;
  private final StatusStore status;
  private final ApplicationStore applications;
  private final ScanProjections projections;

  ScanReads(DynamoDbClient ddb, String table, StatusStore status, ApplicationStore applications) {
    this.ddb = ddb;
    this.table = table;
    this.status = status;
    this.applications = applications;
    this.projections = new ScanProjections(ddb, table);
  }

  Map<String, StatusStore.Snapshot> read(String cluster, Collection<String> names) {
    List<String> all = new ArrayList<>(new TreeSet<>(names));
    Map<String, StatusStore.Snapshot> out = new HashMap<>();
    if (all.isEmpty()) return out;
    Map<String, Map<String, AttributeValue>> found = projections.between(cluster, all.get(0),
        all.get(all.size() - 1));
    List<String> unprojected = new ArrayList<>();
    for (String name : all) {
      Map<String, AttributeValue> item = found.get(name);
      Optional<StatusStore.Snapshot> projected = item == null ? Optional.empty()
          : ScanProjectionCodec.decode(name, item, applications);
      if (projected.isPresent()) out.put(name, projected.get());
      else unprojected.add(name);
    }
    for (int i = 0; i < unprojected.size(); i += BATCH_KEYS / 3) {
      List<String> chunk = unprojected.subList(i, Math.min(unprojected.size(), i + BATCH_KEYS / 3));
      Map<String, Map<String, AttributeValue>> items = fetch(chunk);
      for (String name : chunk) {
        Map<String, AttributeValue> spec = items.get(name + "\nSPEC");
        if (spec == null) continue;
        Optional<ApplicationStore.Stored> stored = applications.fromItem(name, spec);
        if (stored.isEmpty()) continue;
        AppStatus st = status(name, items);
        out.put(name, new StatusStore.Snapshot(stored.get(), st));
        Map<String, AttributeValue> seen = found.get(name);
        if (seen == null || !ScanProjectionCodec.isLarge(seen)) project(cluster, stored.get(), st, items, seen);
      }
    }
    return out;
  }

  /**
   * Writes the projection of what was just read, when the Application is on this cluster and its inventory is
   * in its first part alone; a larger one is marked so.
   */
  private void project(String cluster, ApplicationStore.Stored spec, AppStatus st,
      Map<String, Map<String, AttributeValue>> items, Map<String, AttributeValue> seen) {
    String name = st.application();
    if (!cluster.equals(spec.application().destination().cluster())) return;
    Map<String, AttributeValue> statusItem = items.get(name + "\nSTATUS");
    if (statusItem != null && statusItem.containsKey(StatusStore.LEGACY_INVENTORY)) return;
    Map<String, AttributeValue> part = items.get(name + "\nINV#0");
    byte[] inventory = part == null ? new byte[0] : Items.bytes(part, "data");
    projections.replace(part != null && Items.num(part, "parts", 0) != 1
        ? ScanProjectionCodec.large(cluster, name) : ScanProjectionCodec.encode(cluster, spec, st, inventory), seen);
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
    Map<String, KeysAndAttributes> asked = Map.of(table,
        KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
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
