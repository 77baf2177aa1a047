package dev.driftless.functions;

import dev.driftless.reconcile.ClusterScan;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.Trigger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ClusterScanMessage}: scans the named Applications of the cluster (or, when none are named, every
 * Application its index lists) and queues a full reconcile, in the Application's own message group, for each one
 * that differs. The reconcile's deduplication id holds the Application and the scan's minute, as the per-Application
 * scan always did, so a scan delivered twice queues each reconcile once.
 */
final class ClusterScans {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterScans.class);
  private static final int INDEX_PAGE = 500;

  private final Functions fn;

  ClusterScans(Functions fn) {
    this.fn = fn;
  }

  ClusterScan.Report run(ClusterScanMessage msg) {
    List<String> apps = msg.applications().isEmpty() ? onCluster(msg.cluster()) : msg.applications();
    ClusterScan.Report report = fn.reconciler().clusterScan().scan(msg.cluster(), apps, msg.tracking());
    Instant at = msg.requestedAt() == null ? fn.clock().instant() : msg.requestedAt();
    String minute = at.truncatedTo(ChronoUnit.MINUTES).toString();
    report.reconcile().forEach((app, why) -> {
      LOG.info("scan {}: {} needs a full reconcile: {}", msg.cluster(), app, why);
      fn.queue().enqueue(new SyncMessage(app, Trigger.SCHEDULE, null, at), "scan-" + app + "-" + minute);
    });
    LOG.info("scan {}: {} application(s) asked, {} to reconcile, {} unchanged ({} health written), {} list request(s){}",
        msg.cluster(), apps.size(), report.reconcile().size(), report.unchanged(), report.healthWritten(),
        report.lists(), report.unreachable() == null ? "" : ", " + report.unreachable());
    return report;
  }

  private List<String> onCluster(String cluster) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      ApplicationStore.Page page = fn.parts().applications().byCluster(cluster, token, INDEX_PAGE);
      out.addAll(page.names());
      token = page.next();
    } while (token != null);
    return out;
  }
}
