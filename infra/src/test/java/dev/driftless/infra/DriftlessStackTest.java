package dev.driftless.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DriftlessStackTest {

  private static Template template;

  @BeforeAll
  static void synth() {
    App app = new App();
    template = Template.fromStack(new DriftlessStack(app, "Test", StackProps.builder().build()));
  }

  @Test
  void stateTableIsOneOnDemandTableKeyedByPkAndSkWithTtlAndPointInTimeRecovery() {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
        "KeySchema", List.of(
            Map.of("AttributeName", "pk", "KeyType", "HASH"),
            Map.of("AttributeName", "sk", "KeyType", "RANGE")),
        "BillingMode", "PAY_PER_REQUEST",
        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
  }

  @Test
  void syncQueueIsFifoWithADeadLetterQueue() {
    template.resourceCountIs("AWS::SQS::Queue", 2);
    template.hasResourceProperties("AWS::SQS::Queue", Map.of(
        "FifoQueue", true,
        "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5))));
  }

  @Test
  void eventBusIsNamedDriftless() {
    template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "driftless"));
  }
}
