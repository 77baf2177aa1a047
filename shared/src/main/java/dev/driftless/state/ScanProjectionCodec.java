package dev.driftless.state;

import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import dev.driftless.inventory.Inventory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Application's scan projection as the table holds it, {@code SCAN#<cluster>} / {@code APP#<name>}: what a quiet
 * cluster scan compares, in one small item that a Query of the cluster's partition reads with the others (DynamoDB
 * rounds a Query by the total size it returns, a BatchGetItem by each item). It holds the stored document and its
 * version, the status without what changes while an operation runs ({@link #projected}: step, lease, counts,
 * message, times) and the inventory's compressed bytes. Every item has a generation ({@code gen}); a writer that
 * changes what the projection holds replaces the item with a bare generation (an invalidation, in the same
 * transaction as its own write: the table's roles allow puts and deletes, not updates), and the next scan writes the content again from the items themselves, on
 * condition that the generation it saw is still there. An item with a generation and no content, or marked
 * {@code large}, is no projection: the scan reads the Application's own items.
 */
final class ScanProjectionCodec {

  static final String PREFIX = "SCAN#";
  static final String GEN = "gen";
  private static final String DOCUMENT = "doc";
  private static final String VERSION = "version";
  static final String STATUS = "status";
  private static final String INVENTORY = "inv";
  private static final String LARGE = "large";
  /** Above this many bytes of document and inventory, the scan reads the Application's own items instead. */
  static final int MAX_BYTES = 64 * 1024;

  private ScanProjectionCodec() {}

  static Map<String, AttributeValue> key(String cluster, String app) {
    return Items.key(PREFIX + cluster, "APP#" + app);
  }

  /** An item that holds no projection, with a new generation: what every writer of its content puts. */
  static Map<String, AttributeValue> invalidated(String cluster, String app) {
    Map<String, AttributeValue> item = new HashMap<>(key(cluster, app));
    item.put(GEN, s(UUID.randomUUID().toString()));
    return item;
  }

  /** An item that says the Application is too large for a projection: the scan reads its own items. */
  static Map<String, AttributeValue> large(String cluster, String app) {
    Map<String, AttributeValue> item = invalidated(cluster, app);
    item.put(LARGE, AttributeValue.fromBool(true));
    return item;
  }

  /**
   * The projection of an Application's stored document, status and compressed inventory (empty: none); a
   * {@link #large} item when document and inventory exceed {@link #MAX_BYTES}.
   */
  static Map<String, AttributeValue> encode(String cluster, ApplicationStore.Stored spec, AppStatus status,
      byte[] inventory) {
    if (spec.document().length() + inventory.length > MAX_BYTES) return large(cluster, status.application());
    Map<String, AttributeValue> item = invalidated(cluster, status.application());
    item.put(DOCUMENT, s(spec.document()));
    item.put(VERSION, n(spec.version()));
    item.put(STATUS, AttributeValue.fromM(statusPart(status)));
    item.put(INVENTORY, Items.b(inventory));
    return item;
  }

  /** The document, version, status and inventory an item projects; empty when it holds no projection. */
  static Optional<StatusStore.Snapshot> decode(String app, Map<String, AttributeValue> item,
      ApplicationStore applications) {
    AttributeValue status = item.get(STATUS);
    byte[] inventory = Items.bytes(item, INVENTORY);
    AttributeValue document = item.get(DOCUMENT);
    if (status == null || !status.hasM() || inventory == null || document == null) return Optional.empty();
    return applications.fromItem(app, Map.of("document", document, "version", item.get(VERSION)))
        .map(spec -> new StatusStore.Snapshot(spec,
            StatusCodec.status(app, status.m(), InventoryCodec.decode(inventory))));
  }

  static boolean isLarge(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(LARGE);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  /**
   * What of a status the projection keeps: all a scan decides by (sync status, health, revision, last result, the
   * commit that failed, the plan basis, and which operation is in flight, by id, trigger, commit and attempt), not
   * what an operation rewrites as it runs (its step, lease, counts, start), the message or the times. A status
   * write that leaves this unchanged leaves the projection alone.
   */
  static AppStatus projected(AppStatus st) {
    Operation op = st.operation() == null ? null
        : new Operation(st.operation().id(), st.operation().trigger(), st.operation().revision(), null, null,
            st.operation().attempt());
    return new AppStatus(st.application(), st.sync(), st.health(), st.revision(), null, Inventory.EMPTY, op,
        st.lastResult(), null, null, st.failedRevision(), st.basis());
  }

  /**
   * A digest of {@link #projected}: the status item keeps it, so that a status write can tell in its own condition
   * whether the projection changes.
   */
  static String digest(AppStatus st) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(statusPart(st)).forEach((k, v) -> canonical.append(k).append('=').append(canonical(v))
        .append('\n'));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, AttributeValue> statusPart(AppStatus st) {
    Map<String, AttributeValue> part = StatusCodec.status(projected(st));
    part.remove(StateTable.PK);
    part.remove(StateTable.SK);
    return part;
  }

  private static String canonical(AttributeValue v) {
    if (v.s() != null) return "s:" + v.s();
    if (v.n() != null) return "n:" + v.n();
    StringBuilder m = new StringBuilder("m:{");
    new TreeMap<>(v.m()).forEach((k, e) -> m.append(k).append('=').append(canonical(e)).append(';'));
    return m.append('}').toString();
  }
}
