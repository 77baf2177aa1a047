package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Registered documents of one kind (Applications, AppProjects): {@code <PREFIX>#<name>} / {@code SPEC} holds the
 * document as given with a version for optimistic locking, and an index partition ({@code APPS}, {@code PROJECTS})
 * lists the names for paginated scans. The stores add their own attributes and index items to the same
 * transaction. A document another one registered (a child Application of an app of apps) names that owner
 * ({@code owner}, such as {@code application/root}), and {@code OWNED#<owner>} / {@code <PREFIX><name>} lists what
 * each owner registered, whatever the kind.
 */
final class VersionedDocuments {

  /** A stored document, its version and its owner (null: registered by a user). */
  record Found(String document, long version, String owner) {}

  /** One page of names and the name to start the next page after (null at the end). */
  record Names(List<String> names, String next) {}

  private static final String OWNED = "OWNED#";

  private final DynamoDbClient ddb;
  private final String table;
  private final Clock clock;
  private final String noun;
  private final String prefix;
  private final String index;

  /**
   * @param noun what a document is, for messages ({@code application})
   * @param prefix the partition key's prefix ({@code APP#})
   * @param index the index partition ({@code APPS})
   */
  VersionedDocuments(DynamoDbClient ddb, String table, Clock clock, String noun, String prefix, String index) {
    this.ddb = ddb;
    this.table = table;
    this.clock = clock;
    this.noun = noun;
    this.prefix = prefix;
    this.index = index;
  }

  /**
   * Creates (expectedVersion 0) or updates (expectedVersion = the stored version) the document with its extra
   * attributes, its index item and {@code more} writes, in one transaction; returns the new version. A lost race
   * is a {@link ConflictException} naming the version found.
   */
  long put(String name, String document, Map<String, AttributeValue> attributes, long expectedVersion,
      List<TransactWriteItem> more) {
    return put(name, document, attributes, expectedVersion, more, null);
  }

  /**
   * As above, for a document registered by {@code owner} (null: by a user), listed under the owner's index. An
   * owned document keeps its owner: the caller checked, at the version it expects, that the stored one has it.
   */
  long put(String name, String document, Map<String, AttributeValue> attributes, long expectedVersion,
      List<TransactWriteItem> more, String owner) {
    long next = expectedVersion + 1;
    Map<String, AttributeValue> item = new HashMap<>(key(prefix + name, "SPEC"));
    item.putAll(attributes);
    List<TransactWriteItem> all = new ArrayList<>(more);
    if (owner != null) {
      item.put("owner", s(owner));
      all.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(key(OWNED + owner, prefix + name))).build());
    }
    item.put("document", s(document));
    item.put("version", n(next));
    item.put("updatedAt", s(clock.instant().toString()));
    String condition = expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :v";
    Map<String, AttributeValue> values = expectedVersion == 0 ? null : Map.of(":v", n(expectedVersion));
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure("ALL_OLD")).build());
    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of("pk", s(index), "sk", s(name)))).build());
    writes.addAll(all);
    try {
      ddb.transactWriteItems(t -> t.transactItems(writes));
    } catch (TransactionCanceledException e) {
      CancellationReason r = e.cancellationReasons().get(0);
      if ("ConditionalCheckFailed".equals(r.code())) {
        String found = r.item() == null || r.item().get("version") == null ? "none" : r.item().get("version").n();
        throw new ConflictException(noun + " " + name + ": expected version " + expectedVersion
            + " but found " + found);
      }
      throw e;
    }
    return next;
  }

  Optional<Found> get(String name) {
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(key(prefix + name, "SPEC"))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) return Optional.empty();
    return Optional.of(new Found(Items.str(item, "document"), Items.num(item, "version", 0),
        Items.str(item, "owner")));
  }

  /** Deletes the document, its index item and its owner's index item, with {@code more} deletes, in one transaction. */
  void delete(String name, String owner, List<TransactWriteItem> more) {
    List<TransactWriteItem> writes = new ArrayList<>();
    if (owner != null) {
      writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(OWNED + owner, prefix + name)))
          .build());
    }
    writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(prefix + name, "SPEC"))).build());
    writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(index, name))).build());
    writes.addAll(more);
    ddb.transactWriteItems(t -> t.transactItems(writes));
  }

  /** The names of this kind's documents that {@code owner} registered, in name order. */
  List<String> ownedBy(String owner) {
    List<String> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p and begins_with(sk, :k)")
          .expressionAttributeValues(Map.of(":p", s(OWNED + owner), ":k", s(prefix))).exclusiveStartKey(from));
      r.items().forEach(i -> out.add(i.get("sk").s().substring(prefix.length())));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** One page of names, in name order, after {@code pageToken} (null: from the first). */
  Names list(String pageToken, int limit) {
    QueryResponse r = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(index))).limit(limit)
        .exclusiveStartKey(pageToken == null ? null : key(index, pageToken)));
    List<String> names = r.items().stream().map(i -> i.get("sk").s()).toList();
    String next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey().get("sk").s() : null;
    return new Names(names, next);
  }
}
