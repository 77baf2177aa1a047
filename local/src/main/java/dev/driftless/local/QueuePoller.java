package dev.driftless.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.driftless.functions.local.LocalContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One of the pollers that play Lambda's SQS event source locally: long-polls a queue for one message (batch
 * size 1, as the CDK's event source mappings), hands it to the sync handler as an SQS event, deletes it if it
 * succeeded and leaves a reported failure to be delivered again.
 *
 * <p>The pollers of one FIFO queue share a receive lock. SQS does not hand out a message group's next
 * message while one of the group is in flight, but moto (5.2) decides which groups are in flight when a
 * receive call begins: two long polls waiting at once could each take a message of the same group. Receiving
 * one at a time restores the queue's guarantee; the handling still runs in parallel.
 */
final class QueuePoller implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final Lock receiveLock;
  private final Clock clock;
  private final Duration timeout;
  private volatile boolean running = true;

  QueuePoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler, Lock receiveLock,
      Clock clock, Duration timeout) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.handler = handler;
    this.receiveLock = receiveLock;
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
        if (!running) return;
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

  /** Receives one message (waiting up to {@code waitSeconds}) and handles it; returns how many were handled. */
  int pollOnce(int waitSeconds) {
    List<Message> messages = receive(waitSeconds);
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

  private List<Message> receive(int waitSeconds) {
    receiveLock.lock();
    try {
      return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1)
          .waitTimeSeconds(waitSeconds).visibilityTimeout((int) timeout.toSeconds() + 30)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    } finally {
      receiveLock.unlock();
    }
  }
}
