package dev.driftless.functions.api;

import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import java.time.Duration;
import java.util.List;
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
}
