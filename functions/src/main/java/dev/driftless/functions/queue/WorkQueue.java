package dev.driftless.functions.queue;

import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.PlanMessage;
import dev.driftless.functions.SyncMessage;
import java.time.Duration;

/**
 * Where sync work goes: now (FIFO, grouped by Application, or by cluster for a cluster scan) or later (a delayed
 * continuation or retry, or a scan spread over the scan interval).
 */
public interface WorkQueue {

  /** Enqueues work; {@code deduplicationId} makes a repeated enqueue of the same work a no-op. */
  void enqueue(SyncMessage message, String deduplicationId);

  /** Enqueues work to be delivered after {@code delay} (at most 15 minutes). */
  void enqueueLater(SyncMessage message, Duration delay);

  /**
   * Enqueues a cluster scan: with no delay now, in the cluster's message group, deduplicated by
   * {@code deduplicationId}; with a delay (at most 15 minutes), on the delayed queue, which has neither groups nor
   * deduplication (a scan takes no lease and writes only a changed health, so two of one cluster may overlap).
   * Queues that never carry scans (the webhook's, the API's in tests) need not take them.
   */
  default void enqueue(ClusterScanMessage message, String deduplicationId, Duration delay) {
    throw new UnsupportedOperationException("this queue carries no cluster scans");
  }

  /**
   * Enqueues a pull request's plan now, in its repository's message group, deduplicated by
   * {@link PlanMessage#deduplicationId()}. Queues that never carry plans need not take them.
   */
  default void enqueue(PlanMessage message) {
    throw new UnsupportedOperationException("this queue carries no pull-request plans");
  }
}
