package dev.driftless.reconcile;

import dev.driftless.model.DriftlessException;
import dev.driftless.state.ConflictException;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.LeaseStore.Lease;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pass's short lease while the pass runs: a daemon task renews it every {@code every} for another
 * {@code period}, until closed. A renewal that finds the lease taken over (or released) marks it lost, and
 * renewing stops; the pass checks {@link #lostBecause()} before its next write. A renewal that fails for
 * another reason (DynamoDB unreachable) is logged and tried again at the next tick: the lease then runs out
 * one period after the last renewal that succeeded, as a crashed pass's does.
 */
final class LeaseRenewal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewal.class);

  private final LeaseStore leases;
  private final Duration period;
  private final ScheduledExecutorService timer;
  private volatile Lease lease;
  private volatile String lost;

  private LeaseRenewal(LeaseStore leases, Lease lease, Duration period) {
    this.leases = leases;
    this.lease = lease;
    this.period = period;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "driftless-lease-" + lease.application());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts renewing {@code lease} every {@code every} for another {@code period}. */
  static LeaseRenewal start(LeaseStore leases, Lease lease, Duration period, Duration every) {
    LeaseRenewal renewal = new LeaseRenewal(leases, lease, period);
    renewal.timer.scheduleWithFixedDelay(renewal::renew, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return renewal;
  }

  private void renew() {
    try {
      lease = leases.renew(lease, period);
    } catch (ConflictException e) {
      lost = e.getMessage();
      LOG.warn("{}: the pass stops before its next write", lost);
      timer.shutdown();
    } catch (RuntimeException e) {
      // A renewal in flight when the pass ends is interrupted by close(): the pass is done, nothing to retry.
      if (timer.isShutdown()) return;
      LOG.warn("application {}: lease not renewed, trying again: {}", lease.application(), e.toString());
    }
  }

  /** Why the lease was lost (another holder took it over), or null while it is held. */
  String lostBecause() {
    return lost;
  }

  /** Throws, naming why, when the lease was lost: the pass must not write. */
  void ensureHeld() {
    String why = lost;
    if (why != null) throw new DriftlessException(why);
  }

  /** Stops renewing; the lease is released by its taker. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
