package dev.driftless.state;

import static dev.driftless.state.Items.key;
import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The access policy: one item ({@code ACCESS} / {@code POLICY}) holding the document as given, with a version
 * for optimistic locking as Applications have.
 */
public final class AccessStore {

  /** The policy as stored: the document and its version. */
  public record Stored(String document, long version) {}

  private final DynamoDbClient ddb;
  private final String table;
  private final Clock clock;

  public AccessStore(DynamoDbClient ddb, String table, Clock clock) {
    this.ddb = ddb;
    this.table = table;
    this.clock = clock;
  }

  public Optional<Stored> get() {
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(key("ACCESS", "POLICY"))
        .consistentRead(true)).item();
    if (item == null || item.isEmpty()) return Optional.empty();
    return Optional.of(new Stored(Items.str(item, "document"), Items.num(item, "version", 0)));
  }

  /**
   * Creates (expectedVersion 0) or replaces (expectedVersion = the stored version) the policy; returns the new
   * version. A lost race is a {@link ConflictException} naming the version found.
   */
  public long put(String document, long expectedVersion) {
    long next = expectedVersion + 1;
    Map<String, AttributeValue> item = new HashMap<>(key("ACCESS", "POLICY"));
    item.put("document", s(document));
    item.put("version", n(next));
    item.put("updatedAt", s(clock.instant().toString()));
    try {
      ddb.putItem(r -> r.tableName(table).item(item)
          .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :v")
          .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":v", n(expectedVersion)))
          .returnValuesOnConditionCheckFailure("ALL_OLD"));
    } catch (ConditionalCheckFailedException e) {
      String found = e.hasItem() && e.item().get("version") != null ? e.item().get("version").n() : "none";
      throw new ConflictException("access policy: expected version " + expectedVersion + " but found " + found);
    }
    return next;
  }
}
