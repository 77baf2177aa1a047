package dev.driftless.functions.queue;

import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.SyncMessage;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS: the FIFO queue for work now (message group = Application, so one Application's operations are serial
 * and different Applications' run in parallel), and a standard queue for delayed work, since a FIFO queue
 * cannot delay a single message. Delayed work is safe out of order: every operation takes the
 * Application's lease.
 */
public final class SqsWorkQueue implements WorkQueue {

  private static final int MAX_DELAY_SECONDS = 900;

  private final SqsClient sqs;
  private final String fifoUrl;
  private final String delayUrl;

  public SqsWorkQueue(SqsClient sqs, String fifoUrl, String delayUrl) {
    this.sqs = sqs;
    this.fifoUrl = fifoUrl;
    this.delayUrl = delayUrl;
  }

  @Override
  public void enqueue(SyncMessage message, String deduplicationId) {
    sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(message.toJson()).messageGroupId(message.application())
        .messageDeduplicationId(dedupe(deduplicationId)));
  }

  @Override
  public void enqueueLater(SyncMessage message, Duration delay) {
    int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds()));
    sqs.sendMessage(r -> r.queueUrl(delayUrl).messageBody(message.toJson()).delaySeconds(seconds));
  }

  @Override
  public void enqueue(ClusterScanMessage message, String deduplicationId, Duration delay) {
    int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay == null ? 0 : delay.toSeconds()));
    if (seconds == 0) {
      sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(message.toJson()).messageGroupId(message.cluster())
          .messageDeduplicationId(dedupe(deduplicationId)));
    } else {
      sqs.sendMessage(r -> r.queueUrl(delayUrl).messageBody(message.toJson()).delaySeconds(seconds));
    }
  }

  /** SQS deduplication ids are at most 128 characters of a limited alphabet. */
  static String dedupe(String id) {
    String clean = id.replaceAll("[^A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]", "_");
    return clean.length() <= 128 ? clean : clean.substring(0, 128);
  }
}
