package dev.driftless.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The sync work queues: the FIFO queue (message group = Application: serial per Application, parallel across
 * them) and the standard delay queue for continuations and retries (a FIFO queue cannot delay one message),
 * each with its own dead-letter queue. Visibility is six times the sync function's timeout, as AWS advises for
 * Lambda event sources, so a throttled or retried batch is not redelivered while still running.
 */
public final class WorkQueues extends Construct {

  /** Receives before a message moves to its dead-letter queue (AWS advises at least 5 for Lambda). */
  public static final int MAX_RECEIVE_COUNT = 5;

  private final Queue work;
  private final Queue workDeadLetters;
  private final Queue delay;
  private final Queue delayDeadLetters;

  // java.time's Duration (the props' type) beside the CDK's Duration, imported for the queues' settings.
  public WorkQueues(Construct scope, String id, java.time.Duration syncTimeout) {
    super(scope, id);
    Duration visibility = Duration.seconds(Math.min(12 * 3600, 6 * syncTimeout.toSeconds()));
    workDeadLetters = Queue.Builder.create(this, "SyncDeadLetters")
        .fifo(true)
        .retentionPeriod(Duration.days(14))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .build();
    work = Queue.Builder.create(this, "SyncQueue")
        .fifo(true)
        .contentBasedDeduplication(false)
        .visibilityTimeout(visibility)
        .retentionPeriod(Duration.days(4))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .deadLetterQueue(DeadLetterQueue.builder().queue(workDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
        .build();
    delayDeadLetters = Queue.Builder.create(this, "DelayDeadLetters")
        .retentionPeriod(Duration.days(14))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .build();
    delay = Queue.Builder.create(this, "DelayQueue")
        .visibilityTimeout(visibility)
        .retentionPeriod(Duration.days(4))
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .deadLetterQueue(DeadLetterQueue.builder().queue(delayDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
        .build();
  }

  public Queue work() {
    return work;
  }

  public Queue workDeadLetters() {
    return workDeadLetters;
  }

  public Queue delay() {
    return delay;
  }

  public Queue delayDeadLetters() {
    return delayDeadLetters;
  }
}
