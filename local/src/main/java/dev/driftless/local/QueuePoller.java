package dev.driftless.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.local.LocalContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Plays Lambda's SQS event source locally: long-polls a queue, hands each batch to the sync handler as an
 * SQS event, deletes what succeeded and leaves the reported failures to be delivered again.
 */
final class QueuePoller implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final SyncHandler handler;
  private final Clock clock;
  private final Duration timeout;
  private volatile boolean running = true;

  QueuePoller(SqsClient sqs, String queueUrl, SyncHandler handler, Clock clock, Duration timeout) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.handler = handler;
    this.clock = clock;
    this.timeout = timeout;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try {
        pollOnce(5);
      } catch (RuntimeException e) {
        LOG.warn("polling {}: {}", queueUrl, e.getClass().getSimpleName() + ": " + e.getMessage());
        try {
          Thread.sleep(1000); // back off after an emulator error; not a readiness wait
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Receives one batch (waiting up to {@code waitSeconds}) and handles it; returns how many were handled. */
  int pollOnce(int waitSeconds) {
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
        .waitTimeSeconds(waitSeconds).visibilityTimeout((int) timeout.toSeconds() + 30)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    if (messages.isEmpty()) return 0;
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : messages) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(m.messageId());
      r.setReceiptHandle(m.receiptHandle());
      r.setBody(m.body());
      r.setAttributes(m.attributes().entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
      r.setEventSource("aws:sqs");
      r.setEventSourceArn(queueUrl);
      records.add(r);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    SQSBatchResponse response = handler.handleRequest(event, new LocalContext("SyncFunction", timeout, clock));
    Set<String> failed = response.getBatchItemFailures().stream()
        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(5));
      } else {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return messages.size();
  }
}
