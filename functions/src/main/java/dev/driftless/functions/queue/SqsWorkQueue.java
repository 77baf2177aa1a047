package dev.driftless.functions.queue;

import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.PlanMessage;
import dev.driftless.functions.SyncMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS: the FIFO queue for work now (message group = Application, so one Application's operations are serial
 * and different Applications' run in parallel), and a standard queue for delayed work, since a FIFO queue
 * cannot delay a single message. Delayed work is safe out of order: every operation takes the
 * Application's lease.
 */
public final class SqsWorkQueue implements WorkQueue {

  private static final int MAX_DELAY_SECONDS = 900;
  /** SQS's limit for message group and deduplication ids. */
  private static final int MAX_ID = 128;

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
    sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(message.toJson()).messageGroupId(fit(message.application()))
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
      sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(message.toJson()).messageGroupId(fit(message.cluster()))
          .messageDeduplicationId(dedupe(deduplicationId)));
    } else {
      sqs.sendMessage(r -> r.queueUrl(delayUrl).messageBody(message.toJson()).delaySeconds(seconds));
    }
  }

  @Override
  public void enqueue(PlanMessage message) {
    sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(message.toJson())
        .messageGroupId(fit("plan-" + message.repository())).messageDeduplicationId(dedupe(message.deduplicationId())));
  }

  /** SQS deduplication ids are at most 128 characters of a limited alphabet. */
  static String dedupe(String id) {
    return fit(id.replaceAll("[^A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]", "_"));
  }

  /**
   * An id of at most 128 characters that stays distinct: a longer one (an Application name may have 253) keeps
   * its first 63 characters and ends with the SHA-256 of the whole, so two long names sharing a prefix, or one
   * name's scans of two minutes, never share a message group or a deduplication id.
   */
  static String fit(String id) {
    if (id.length() <= MAX_ID) return id;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return id.substring(0, MAX_ID - 65) + "-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
