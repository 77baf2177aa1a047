package dev.driftless.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap in use during one step: a daemon thread reads {@link MemoryMXBean#getHeapMemoryUsage()} every
 * 5 ms and keeps the maximum. Heap in use includes garbage not yet collected, so the figure depends on the
 * collector and heap size as well as on the work; a full GC before the step starts it from live data only.
 */
public final class HeapSampler implements AutoCloseable {

  private static final long PERIOD_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private HeapSampler() {
    thread = new Thread(this::sample, "bench-heap-sampler");
    thread.setDaemon(true);
  }

  /** Collects garbage, then starts sampling. */
  public static HeapSampler start() {
    System.gc();
    HeapSampler s = new HeapSampler();
    s.peak.set(s.memory.getHeapMemoryUsage().getUsed());
    s.thread.start();
    return s;
  }

  private void sample() {
    while (running.get()) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The highest heap use seen so far, in bytes. */
  public long peakBytes() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peak.get();
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
