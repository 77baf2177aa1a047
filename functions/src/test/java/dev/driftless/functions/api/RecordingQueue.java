package dev.driftless.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A work queue that keeps what was enqueued, with its deduplication id, for tests to look at. */
public final class RecordingQueue implements WorkQueue {

  public record Sent(SyncMessage message, String deduplicationId, Duration delay) {}

  /** A cluster scan enqueued, with its deduplication id and delay. */
  public record Scan(ClusterScanMessage message, String deduplicationId, Duration delay) {}

  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public final List<Scan> scans = new CopyOnWriteArrayList<>();

  @Override
  public void enqueue(SyncMessage message, String deduplicationId) {
    sent.add(new Sent(message, deduplicationId, null));
  }

  @Override
  public void enqueueLater(SyncMessage message, Duration delay) {
    sent.add(new Sent(message, null, delay));
  }

  @Override
  public void enqueue(ClusterScanMessage message, String deduplicationId, Duration delay) {
    scans.add(new Scan(message, deduplicationId, delay));
  }

  /**
   * Runs what was enqueued through {@code fn}'s sync function, one message per batch as SQS would, until nothing more
   * is enqueued (at most five rounds: the messages a delivery enqueues are the next round's); fails when the function
   * hands a message back.
   */
  public void deliverAll(Functions fn) {
    SyncHandler worker = new SyncHandler(fn);
    for (int round = 0; round < 5 && !sent.isEmpty(); round++) {
      List<Sent> batch = List.copyOf(sent);
      sent.clear();
      for (Sent s : batch) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(s.message().toJson());
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(m));
        assertThat(worker.handleRequest(e, new LocalContext("sync", Duration.ofSeconds(120), Clock.systemUTC()))
            .getBatchItemFailures()).isEmpty();
      }
    }
  }
}
