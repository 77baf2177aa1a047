package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalAws;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The inventory in items of its own ({@code APP#<name>} / {@code INV#<n>}), against the local DynamoDB. */
@LocalAws
class InventoryStoreIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private String table;
  private StatusStore status;

  @BeforeEach
  void table() {
    table = "inv-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    status = new StatusStore(ddb, table, Duration.ofDays(30));
  }

  /** Objects with random digests: they do not compress, as real ones do not. */
  private static Inventory objects(int count) {
    Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] digest = new byte[32];
      RANDOM.nextBytes(digest);
      entries.put(new ObjectKey("apps", "Deployment", "team-" + i % 20, "service-" + i),
          new Inventory.Entry("apps/v1", "sha256:" + HexFormat.of().formatHex(digest), Integer.toString(1000 + i),
              i % 2 == 0 ? null : "%016x".formatted(i), i % 3));
    }
    return new Inventory(entries);
  }

  private List<String> partKeys(String app) {
    return ddb.query(q -> q.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :p AND begins_with(sk, :i)")
        .expressionAttributeValues(Map.of(":p", Items.s("APP#" + app), ":i", Items.s("INV#")))).items().stream()
        .map(i -> i.get("sk").s()).sorted().toList();
  }

  @Test
  void anInventoryRoundTripsThroughItsOwnItemAndTheStatusItemDoesNotCarryIt() {
    Inventory inv = objects(3);
    status.inventories().put("c1", "shop", inv);
    status.put("c1", AppStatus.initial("shop").withInventory(inv));

    assertThat(status.get("shop").inventory()).isEqualTo(inv);
    assertThat(partKeys("shop")).containsExactly("INV#0");
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table)
        .key(Items.key("APP#shop", "STATUS"))).item();
    assertThat(item).doesNotContainKey(StatusStore.LEGACY_INVENTORY);
  }

  @Test
  void anInventoryLargerThanOneItemIsSplitAcrossItemsAndReadBackWhole() {
    Inventory big = objects(10_000);
    status.inventories().put("c1", "shop", big);
    assertThat(partKeys("shop")).as("about 600 KB compressed: two items of at most 350 KB")
        .containsExactly("INV#0", "INV#1");
    assertThat(status.get("shop").inventory()).isEqualTo(big);

    Inventory small = objects(2);
    status.inventories().put("c1", "shop", small);
    assertThat(partKeys("shop")).as("the part a smaller inventory no longer needs is deleted")
        .containsExactly("INV#0");
    assertThat(status.get("shop").inventory()).isEqualTo(small);
  }

  @Test
  void anInventoryTooLargeForOneWriteIsRefusedAndTheStoredOneIsKept() {
    Inventory stored = objects(2);
    status.inventories().put("c1", "shop", stored);
    Inventory huge = objects(120_000);
    assertThat(InventoryCodec.encode(huge).length).isGreaterThan(InventoryStore.MAX_PARTS * InventoryStore.PART_BYTES);
    assertThatThrownBy(() -> status.inventories().put("c1", "shop", huge))
        .isInstanceOf(InventoryTooLargeException.class)
        .hasMessageStartingWith("inventory of application shop: 120000 objects take")
        .hasMessageContaining("nothing was written");
    assertThat(status.get("shop").inventory()).isEqualTo(stored);
  }

  @Test
  void aStatusWrittenWithAnOlderInventoryDoesNotOverwriteTheStoredOne() {
    Inventory before = objects(1);
    Inventory ahead = objects(4);
    status.inventories().put("c1", "shop", before);
    AppStatus read = status.get("shop");
    // The apply stores its inventory ahead; then the operation fails and its status is written from what was read.
    status.inventories().put("c1", "shop", ahead);
    status.put("c1", new AppStatus("shop", SyncStatus.UNKNOWN, HealthStatus.UNKNOWN, null, null, read.inventory(), null,
        OperationResult.FAILED, "boom", Instant.parse("2026-12-01T00:00:00Z")));

    assertThat(status.get("shop").inventory()).isEqualTo(ahead);
  }

  @Test
  void aStatusItemWrittenBeforeTheInventoryHadItsOwnItemsIsReadAndMigrated() {
    Inventory legacy = objects(5);
    Map<String, AttributeValue> old = new HashMap<>(Items.key("APP#shop", "STATUS"));
    old.put("sync", Items.s("SYNCED"));
    old.put("revision", Items.s("abc123"));
    old.put(StatusStore.LEGACY_INVENTORY, Items.b(InventoryCodec.encode(legacy)));
    old.put("objects", Items.n(5));
    ddb.putItem(r -> r.tableName(table).item(old));

    AppStatus read = status.get("shop");
    assertThat(read.inventory()).isEqualTo(legacy);
    assertThat(read.revision()).isEqualTo("abc123");
    assertThat(partKeys("shop")).containsExactly("INV#0");
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table)
        .key(Items.key("APP#shop", "STATUS"))).item();
    assertThat(item).doesNotContainKeys(StatusStore.LEGACY_INVENTORY, "objects").containsKey("revision");

    // A status written afterwards (which carries no inventory) loses nothing.
    status.put("c1", read);
    assertThat(status.get("shop").inventory()).isEqualTo(legacy);
  }
}
