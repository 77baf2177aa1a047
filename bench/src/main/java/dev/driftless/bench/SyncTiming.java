package dev.driftless.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.DriftScanHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Trigger;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One benchmark JVM (started by {@link SyncBenchmark}): times sync messages through the real SyncHandler.
 * Mode {@code sync}: a cold first sync (this JVM's first), then a warm sync of a commit that changes every
 * object. Mode {@code scan}: a drift scan of every registered Application (plan only, nothing changed).
 *
 * <p>Arguments: mode, table, kustomize, helm, git cache dir, then for sync: repo dir, app, size.
 */
public final class SyncTiming {

  private SyncTiming() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Settings settings = new Settings(args[1], "driftless", Path.of(args[4]), 256L << 20, Path.of(args[2]),
        Path.of(args[3]), Duration.ofDays(1));
    List<String> queued = new ArrayList<>();
    WorkQueue queue = new WorkQueue() {
      @Override public void enqueue(SyncMessage m, String id) { queued.add(m.toJson()); }
      @Override public void enqueueLater(SyncMessage m, Duration d) { }
      @Override public void enqueue(ClusterScanMessage m, String id, Duration d) { queued.add(m.toJson()); }
    };
    // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
    Reconciler.Parts parts = Wiring.parts(settings, DynamoDbClient.create(), new SecretsManagerClient(
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create()), (type, detail) -> { }, Clock.systemUTC());
    Functions fn = new Functions(new Reconciler(parts, Wiring.options(settings).withHealthPoll(Duration.ofMillis(100)),
        Clock.systemUTC()), parts, queue, Clock.systemUTC());
    SyncHandler sync = new SyncHandler(fn);
    if (mode.equals("sync")) {
      Path repo = Path.of(args[5]);
      String app = args[6];
      int size = Integer.parseInt(args[7]);
      try (Git git = Git.open(repo.toFile())) {
        String head = git.getRepository().resolve("HEAD").getName();
        long cold = deliver(sync, new SyncMessage(app, Trigger.PUSH, head, Instant.now()).toJson());
        long coldTotal = System.currentTimeMillis()
            - ManagementFactory.getRuntimeMXBean().getStartTime();
        report(parts, app, "cold", size, cold, coldTotal);
        SyncBenchmark.writeObjects(repo.resolve("apps/" + app), size, "v2");
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage("change all").setSign(false).call();
        long warm = deliver(sync, new SyncMessage(app, Trigger.PUSH, c.getName(), Instant.now()).toJson());
        report(parts, app, "warm", size, warm, warm);
      }
    } else {
      new DriftScanHandler(fn).handleRequest(new ScheduledEvent(), new LocalContext("bench", Duration.ofMinutes(10), Clock.systemUTC()));
      long start = System.nanoTime();
      // The cluster scans, then the full reconciles they queue.
      int scans = 0;
      while (scans < queued.size()) deliver(sync, queued.get(scans++));
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("SCAN messages=" + scans + " ms=" + ms);
    }
    parts.clients().close();
  }

  private static long deliver(SyncHandler sync, String m) {
    SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
    r.setMessageId(UUID.randomUUID().toString());
    r.setBody(m);
    SQSEvent e = new SQSEvent();
    e.setRecords(List.of(r));
    long start = System.nanoTime();
    var resp = sync.handleRequest(e, new LocalContext("bench", Duration.ofMinutes(10), Clock.systemUTC()));
    if (!resp.getBatchItemFailures().isEmpty()) throw new IllegalStateException("sync failed: " + m);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void report(Reconciler.Parts parts, String app, String kind, int size, long ms, long total) {
    HistoryEntry h = parts.status().history(app, 1).get(0);
    System.out.println("SYNC app=" + app + " kind=" + kind + " size=" + size + " ms=" + ms + " jvm_ms=" + total
        + " result=" + h.result() + " counts=" + h.counts().toString().replace(' ', '_'));
  }
}
