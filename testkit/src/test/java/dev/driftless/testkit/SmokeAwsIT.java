package dev.driftless.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS SDK's default builders, with no endpoint in code, reach the local emulators through the standard
 * endpoint settings: this is how the Lambda code finds them when run locally.
 */
@LocalAws
class SmokeAwsIT {

  @Test
  void secretIsReadThroughTheStandardEndpointSetting(AwsEndpoints endpoints) {
    String id = "smoke/db-" + UUID.randomUUID();
    try (SecretsManagerClient sm = SecretsManagerClient.create()) {
      sm.createSecret(r -> r.name(id).secretString("{\"password\":\"s3cr3t\"}"));
      String value = sm.getSecretValue(r -> r.secretId(id)).secretString();
      assertThat(value).isEqualTo("{\"password\":\"s3cr3t\"}");
    }
    assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(endpoints.aws().toString());
  }

  @Test
  void conditionalWriteIsRejectedWhenItsConditionFailsAndReturnsTheConflictingItem(AwsEndpoints endpoints) {
    String table = "smoke-" + UUID.randomUUID();
    try (DynamoDbClient ddb = DynamoDbClient.create()) {
      ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
              .attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
      Map<String, AttributeValue> first = Map.of("pk", AttributeValue.fromS("LEASE#guestbook"),
          "holder", AttributeValue.fromS("invocation-1"));
      ddb.putItem(r -> r.tableName(table).item(first).conditionExpression("attribute_not_exists(pk)"));

      Map<String, AttributeValue> second = Map.of("pk", AttributeValue.fromS("LEASE#guestbook"),
          "holder", AttributeValue.fromS("invocation-2"));
      assertThatThrownBy(() -> ddb.putItem(r -> r.tableName(table).item(second)
              .conditionExpression("attribute_not_exists(pk)")
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
          .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
              e -> assertThat(e.item()).containsEntry("holder", AttributeValue.fromS("invocation-1")));

      assertThat(ddb.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("LEASE#guestbook"))))
          .item()).containsEntry("holder", AttributeValue.fromS("invocation-1"));
      // The default client went to moto (AWS_ENDPOINT_URL), which serves DynamoDB beside the other services.
      try (DynamoDbClient local = DynamoDbClient.builder().endpointOverride(endpoints.aws())
          .credentialsProvider(endpoints.credentials()).region(endpoints.region()).build()) {
        assertThat(local.listTables().tableNames()).contains(table);
      }
      ddb.deleteTable(r -> r.tableName(table));
    }
  }
}
