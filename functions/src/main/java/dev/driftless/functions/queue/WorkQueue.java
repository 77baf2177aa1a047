package dev.driftless.functions.queue;

import dev.driftless.functions.SyncMessage;
import java.time.Duration;

/** Where sync work goes: now (FIFO, grouped by Application) or later (a delayed continuation or retry). */
public interface WorkQueue {

  /** Enqueues work; {@code deduplicationId} makes a repeated enqueue of the same work a no-op. */
  void enqueue(SyncMessage message, String deduplicationId);

  /** Enqueues work to be delivered after {@code delay} (at most 15 minutes). */
  void enqueueLater(SyncMessage message, Duration delay);
}
