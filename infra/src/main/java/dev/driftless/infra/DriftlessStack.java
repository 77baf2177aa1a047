package dev.driftless.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Driftless's durable parts: the single state table, the FIFO queue of sync work (one message group per
 * Application) with its dead-letter queue, and the event bus for drift and failure events. The functions
 * are added by the infrastructure issue.
 */
public class DriftlessStack extends Stack {

  /** The table's TTL attribute: history entries and webhook deliveries expire through it. */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  private final Table table;
  private final Queue queue;
  private final EventBus bus;

  public DriftlessStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);

    table = Table.Builder.create(this, "State")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .timeToLiveAttribute(TTL_ATTRIBUTE)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(true).build())
        .encryption(TableEncryption.AWS_MANAGED)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    Queue dlq = Queue.Builder.create(this, "SyncDeadLetters")
        .fifo(true)
        .retentionPeriod(Duration.days(14))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .build();
    queue = Queue.Builder.create(this, "SyncQueue")
        .fifo(true)
        .contentBasedDeduplication(false)
        .visibilityTimeout(Duration.minutes(6))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(5).build())
        .build();

    bus = EventBus.Builder.create(this, "Events").eventBusName("driftless").build();
  }

  public Table table() {
    return table;
  }

  public Queue queue() {
    return queue;
  }

  public EventBus bus() {
    return bus;
  }
}
