package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Settings;
import dev.driftless.state.ApplicationSetStore;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationIndex;
import dev.driftless.state.StatusStore;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * On the drift-scan schedule, enqueues one {@link ClusterScanMessage} per registered cluster, or per page of at
 * most {@link ScanOptions#page()} of its Applications, in the cluster's message group; each cluster's messages are
 * delayed by a stable offset within the scan interval ({@link ScanOptions#offset}), so the clusters' scans spread
 * over it. The sync function runs each one ({@link ClusterScans}) and queues a full reconcile only for the
 * Applications that changed. The pages come from the index of each cluster's Applications ({@code APPS_ON#}); the
 * first scan after that index was introduced pages every Application once to add the ones registered before it
 * (one read and one write each, once). The scan reads no status item: crashed operations are the crash check's.
 *
 * <p>A second schedule, every minute, sends {@link #CRASH_CHECK} as the event's source: then only the crash check
 * runs, no scan. It queries the index of operations in flight ({@link OperationIndex}) and reads the status item of
 * each Application it lists (one read), and in the first minute of each hour every Application's, so that an
 * operation whose index item was lost is still found: an operation whose pass crashed gets its continuation at
 * once (the cluster scan leaves Applications with an operation in flight alone). A pass holds a
 * short lease and renews it while it runs, and the status records only its first term, so when that term has
 * passed the lease item is read too (a second read, only for an operation that says it runs): the pass crashed
 * when no live lease is left. The continuation's deduplication id holds the operation and the pass's first term,
 * so repeated checks enqueue it once per crashed pass; a crash is continued within one lease period plus a
 * minute.
 */
public final class DriftScanHandler implements RequestHandler<ScheduledEvent, String> {

  private static final Logger LOG = LoggerFactory.getLogger(DriftScanHandler.class);
  static final int PAGE = 100;
  /** The event source of the crash-check schedule: continue crashed operations, enqueue no scan. */
  public static final String CRASH_CHECK = "driftless.crash-check";

  private final ApplicationStore applications;
  private final StatusStore status;
  private final LeaseStore leases;
  private final ClusterStore clusters;
  private final WorkQueue queue;
  private final ScanOptions options;
  private final Clock clock;

  /**
   * The runtime's constructor. It builds only what the scan uses (DynamoDB for Applications, SQS), not the
   * reconciler's parts: its jar carries no Kubernetes or Git client.
   */
  public DriftScanHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  private DriftScanHandler(Map<String, String> env, Clock clock) {
    this(AwsClients.build(DynamoDbClient.builder()), Settings.fromEnvironment(env), env, clock);
  }

  private DriftScanHandler(DynamoDbClient ddb, Settings settings, Map<String, String> env, Clock clock) {
    this(new ApplicationStore(ddb, settings.table(), clock),
        new StatusStore(ddb, settings.table(), settings.historyRetention()),
        new LeaseStore(ddb, settings.table(), clock), new ClusterStore(ddb, settings.table()),
        new SqsWorkQueue(AwsClients.build(SqsClient.builder()), Env.require(env, Env.QUEUE_URL),
            Env.require(env, Env.DELAY_QUEUE_URL)),
        ScanOptions.fromEnvironment(env), clock);
  }

  /** Tests and tools that scan once and wait for the result: every message sent at once, none delayed. */
  public DriftScanHandler(Functions fn) {
    this(fn, new ScanOptions(ScanOptions.defaults().page(), Duration.ZERO));
  }

  /** The local runner, and tests of the paging and the spreading. */
  public DriftScanHandler(Functions fn, ScanOptions options) {
    this(fn.parts().applications(), fn.parts().status(), fn.parts().leases(), fn.parts().clusters(), fn.queue(),
        options, fn.clock());
  }

  public DriftScanHandler(ApplicationStore applications, StatusStore status, LeaseStore leases,
      ClusterStore clusters, WorkQueue queue, ScanOptions options, Clock clock) {
    this.applications = applications;
    this.status = status;
    this.leases = leases;
    this.clusters = clusters;
    this.queue = queue;
    this.options = options;
    this.clock = clock;
    Priming.registerWithoutKubernetes();
  }

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    Instant at = event.getTime() == null ? clock.instant()
        : Instant.ofEpochMilli(event.getTime().getMillis());
    String minute = at.truncatedTo(ChronoUnit.MINUTES).toString();
    if (CRASH_CHECK.equals(event.getSource())) return crashCheck(at, minute);
    // The scan leaves crashed operations to the one-minute crash check. It pages every Application only once, to
    // back-fill the cluster index.
    if (!applications.clusterIndexBuilt()) {
      String token = null;
      do {
        ApplicationStore.Page page = applications.list(token, PAGE);
        page.names().forEach(applications::indexCluster);
        token = page.next();
      } while (token != null);
      applications.markClusterIndexBuilt();
    }
    int messages = 0;
    int scanned = 0;
    for (String cluster : clusters.names()) {
      Duration offset = options.offset(cluster);
      int index = 0;
      String next = null;
      do {
        ApplicationStore.Page page = applications.byCluster(cluster, next, options.page());
        if (!page.names().isEmpty()) {
          queue.enqueue(new ClusterScanMessage(cluster, page.names(), null, at),
              "scan-" + cluster + "-" + index++ + "-" + minute, offset);
          messages++;
          scanned += page.names().size();
        }
        next = page.next();
      } while (next != null);
    }
    int sets = evaluateSets(at, minute);
    LOG.info("drift scan {}: {} application(s) in {} cluster-scan message(s), {} applicationset(s)", minute, scanned,
        messages, sets);
    return "enqueued " + messages + " cluster scan(s) of " + scanned + " application(s), " + sets
        + " applicationset evaluation(s)";
  }

  /** Every ApplicationSet is evaluated again at each scan, as Argo CD requeues sets: clusters come and go. */
  private int evaluateSets(Instant at, String minute) {
    int count = 0;
    String token = null;
    do {
      ApplicationSetStore.Page page = applications.sets().list(token, PAGE);
      for (String set : page.names()) {
        queue.enqueue(new SyncMessage(SyncMessage.SET_PREFIX + set, Trigger.SCHEDULE, null, at),
            "applicationset-" + set + "-" + minute);
        count++;
      }
      token = page.next();
    } while (token != null);
    return count;
  }

  /**
   * Continues the crashed operations: those the index of operations in flight lists, or, in the first minute of
   * each hour, those of every Application (the sweep that finds an operation whose index item was lost).
   */
  private String crashCheck(Instant at, String minute) {
    boolean sweep = at.atZone(ZoneOffset.UTC).getMinute() == 0;
    int count = 0;
    int continued = 0;
    if (sweep) {
      String token = null;
      do {
        ApplicationStore.Page page = applications.list(token, PAGE);
        for (String app : page.names()) {
          if (continueCrashed(app, status.operation(app), at)) continued++;
          count++;
        }
        token = page.next();
      } while (token != null);
    } else {
      for (String app : status.operations().applications()) {
        if (continueCrashed(app, status.operation(app), at)) continued++;
        count++;
      }
    }
    LOG.info("crash check {}{}: {} application(s) checked, {} crashed operation(s) continued", minute,
        sweep ? " (every Application)" : "", count, continued);
    return "continued " + continued + " of " + count;
  }

  /** Enqueues the continuation of the Application's operation when its pass crashed (no live lease is left). */
  private boolean continueCrashed(String app, Operation op, Instant now) {
    if (op == null || !op.abandonedAt(now)) return false;
    if (leases.current(app).filter(l -> l.heldAt(now)).isPresent()) return false;
    LOG.warn("application {}: operation {} stopped at step {} (its lease ran out, first term {}): continuing it", app,
        op.id(), op.step(), op.leaseUntil());
    queue.enqueue(new SyncMessage(app, Trigger.CONTINUE, op.revision(), now, op.id(), null),
        "continue-" + op.id() + "-" + op.leaseUntil().toEpochMilli());
    return true;
  }
}
