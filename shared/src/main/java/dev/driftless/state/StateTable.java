package dev.driftless.state;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single state table's shape: partition key {@code pk}, sort key {@code sk}, TTL on {@code expiresAt}.
 * The CDK stack declares the same; this creates it for local runs and tests.
 */
public final class StateTable {

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String TTL = "expiresAt";

  private StateTable() {}

  public static void create(DynamoDbClient ddb, String table) {
    try {
      ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
          .keySchema(
              KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
      ddb.waiter().waitUntilTableExists(r -> r.tableName(table));
      ddb.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
    } catch (ResourceInUseException e) {
      // Already there.
    }
  }
}
