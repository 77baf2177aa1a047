package dev.driftless.state;

import static dev.driftless.state.Items.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The scan projections of a cluster's Applications ({@link ScanProjectionCodec}): read by a Query of the cluster's
 * partition, invalidated by the writers of what they hold (in the writer's own transaction), written again by the
 * scan that found one invalid.
 */
final class ScanProjections {

  private final DynamoDbClient ddb;
  private final String table;

  ScanProjections(DynamoDbClient ddb, String table) {
    this.ddb = ddb;
    this.table = table;
  }

  /** The write that invalidates an Application's projection on {@code cluster}, for the writer's transaction. */
  static TransactWriteItem invalidation(String table, String cluster, String app) {
    return TransactWriteItem.builder()
        .put(p -> p.tableName(table).item(ScanProjectionCodec.invalidated(cluster, app))).build();
  }

  /** The delete of an Application's projection on a cluster it left, for the writer's transaction. */
  static TransactWriteItem removal(String table, String cluster, String app) {
    return TransactWriteItem.builder()
        .delete(d -> d.tableName(table).key(ScanProjectionCodec.key(cluster, app))).build();
  }

  /**
   * The projection items on {@code cluster} from {@code first} to {@code last} (names, in order), by name: one
   * Query, eventually consistent, paged by DynamoDB's 1 MB.
   */
  Map<String, Map<String, AttributeValue>> between(String cluster, String first, String last) {
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    Items.queryAll(ddb, q -> q.tableName(table).keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
        .expressionAttributeValues(Map.of(":p", s(ScanProjectionCodec.PREFIX + cluster), ":a", s("APP#" + first),
            ":b", s("APP#" + last))))
        .forEach(i -> out.put(i.get(StateTable.SK).s().substring("APP#".length()), i));
    return out;
  }

  /**
   * Writes {@code item} as the projection, on condition that the one {@code seen} (null: none) is still there: a
   * writer that invalidated it since wrote a new generation, and the scan's item, read before that write, is not
   * put over it. Returns false when it was not written.
   */
  boolean replace(Map<String, AttributeValue> item, Map<String, AttributeValue> seen) {
    String gen = seen == null ? null : Items.str(seen, ScanProjectionCodec.GEN);
    try {
      ddb.putItem(r -> {
        r.tableName(table).item(item);
        if (gen == null) {
          r.conditionExpression("attribute_not_exists(pk)");
        } else {
          r.conditionExpression("gen = :g").expressionAttributeValues(Map.of(":g", s(gen)));
        }
      });
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** The writes of a move from one cluster to another, for the writer's transaction. */
  static List<TransactWriteItem> moved(String table, String from, String to, String app) {
    return from == null || from.equals(to) ? List.of(invalidation(table, to, app))
        : List.of(removal(table, from, app), invalidation(table, to, app));
  }
}
