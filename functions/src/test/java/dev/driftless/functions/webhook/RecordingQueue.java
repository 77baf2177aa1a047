package dev.driftless.functions.webhook;

import dev.driftless.functions.PlanMessage;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An in-memory work queue that keeps what was enqueued, with its deduplication id. */
public final class RecordingQueue implements WorkQueue {

  public record Enqueued(SyncMessage message, String deduplicationId) {}

  private final List<Enqueued> enqueued = new ArrayList<>();
  private final List<PlanMessage> plans = new ArrayList<>();

  @Override
  public synchronized void enqueue(SyncMessage message, String deduplicationId) {
    enqueued.add(new Enqueued(message, deduplicationId));
  }

  @Override
  public void enqueueLater(SyncMessage message, Duration delay) {
    throw new UnsupportedOperationException("the webhook never delays work");
  }

  @Override
  public synchronized void enqueue(PlanMessage message) {
    plans.add(message);
  }

  public synchronized List<PlanMessage> plans() {
    return List.copyOf(plans);
  }

  public synchronized List<Enqueued> enqueued() {
    return List.copyOf(enqueued);
  }

  public synchronized void clear() {
    enqueued.clear();
    plans.clear();
  }
}
