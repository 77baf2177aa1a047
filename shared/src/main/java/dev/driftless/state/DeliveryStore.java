package dev.driftless.state;

import static dev.driftless.state.Items.n;
import static dev.driftless.state.Items.s;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Webhook deliveries seen, kept for a stated time: each delivery id is processed once. */
public final class DeliveryStore {

  private final DynamoDbClient ddb;
  private final String table;
  private final Clock clock;
  private final Duration keep;

  public DeliveryStore(DynamoDbClient ddb, String table, Clock clock, Duration keep) {
    this.ddb = ddb;
    this.table = table;
    this.clock = clock;
    this.keep = keep;
  }

  /** True the first time a delivery id is seen; false for a redelivery. */
  public boolean firstSeen(String deliveryId) {
    try {
      ddb.putItem(r -> r.tableName(table)
          .item(Map.of("pk", s("DELIVERY#" + deliveryId), "sk", s("-"),
              StateTable.TTL, n(clock.instant().plus(keep).getEpochSecond())))
          .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Forgets a delivery whose processing failed, so that a redelivery is processed. */
  public void forget(String deliveryId) {
    ddb.deleteItem(r -> r.tableName(table).key(Items.key("DELIVERY#" + deliveryId, "-")));
  }
}
