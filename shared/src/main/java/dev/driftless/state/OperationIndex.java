package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The index of operations in flight, {@code OPS} / {@code APP#<name>}, with the operation's id: put when a status
 * with an operation is written, deleted when one without is, in the status write's own transaction
 * ({@link StatusStore#put}), and with the Application. The crash check queries it instead of reading every status
 * item; what it lists is only a hint (the status item decides), and an operation whose item was lost is found by
 * the crash check's rare full sweep.
 */
public final class OperationIndex {

  private static final String PARTITION = "OPS";

  private final DynamoDbClient ddb;
  private final String table;

  OperationIndex(DynamoDbClient ddb, String table) {
    this.ddb = ddb;
    this.table = table;
  }

  /** The put or delete of {@code st}'s index item, for the status write's transaction. */
  TransactWriteItem indexed(AppStatus st) {
    if (st.operation() == null) return removal(table, st.application());
    Map<String, AttributeValue> item = new HashMap<>(key(PARTITION, "APP#" + st.application()));
    item.put("opId", s(st.operation().id()));
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  /** Every Application the index lists, paged by DynamoDB's 1 MB. */
  public List<String> applications() {
    return Items.queryAll(ddb, q -> q.tableName(table).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(PARTITION)))).stream()
        .map(i -> i.get(StateTable.SK).s().substring("APP#".length())).toList();
  }

  /** The delete of an Application's entry, for the transaction that deletes the Application. */
  static TransactWriteItem removal(String table, String app) {
    return TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(PARTITION, "APP#" + app))).build();
  }
}
