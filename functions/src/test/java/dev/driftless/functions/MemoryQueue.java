package dev.driftless.functions;

import dev.driftless.functions.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A work queue in memory for tests: records what was enqueued, deduplicating like SQS FIFO does. */
final class MemoryQueue implements WorkQueue {

  record Delayed(SyncMessage message, Duration delay) {}

  final List<SyncMessage> now = new ArrayList<>();
  final List<Delayed> later = new ArrayList<>();
  final List<ClusterScanMessage> scans = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();

  @Override
  public synchronized void enqueue(SyncMessage message, String deduplicationId) {
    if (seen.add(deduplicationId)) now.add(message);
  }

  @Override
  public synchronized void enqueueLater(SyncMessage message, Duration delay) {
    later.add(new Delayed(message, delay));
  }

  @Override
  public synchronized void enqueue(ClusterScanMessage message, String deduplicationId, Duration delay) {
    if (seen.add(deduplicationId)) scans.add(message);
  }

  synchronized List<ClusterScanMessage> drainScans() {
    List<ClusterScanMessage> out = new ArrayList<>(scans);
    scans.clear();
    return out;
  }

  synchronized List<SyncMessage> drainNow() {
    List<SyncMessage> out = new ArrayList<>(now);
    now.clear();
    return out;
  }

  synchronized List<SyncMessage> drainLater() {
    List<SyncMessage> out = later.stream().map(Delayed::message).toList();
    later.clear();
    return out;
  }
}
