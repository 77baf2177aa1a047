package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.queue.WorkQueue;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.AwsEndpoints;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 16: DynamoDB throttling while two sync functions (two containers, each its own reconciler and clients)
 * race on one Application, fed the same pushes twice as a redelivering queue would. The relay in front of moto
 * throttles a burst of requests (the first operations fail and go back to the queue), then every third request
 * while the passes run (their lease takes, renewals, status and inventory writes are retried), refused as DynamoDB
 * refuses them. Afterwards: each push's effect happened once (the
 * ConfigMap written once per commit, in commit order; one history entry carries each commit's change), nothing
 * was lost (the Application synced to the last commit, the queue drained), and the lease was never held by two
 * passes at once (from moto's answers to the lease writes).
 */
@LocalAws
@LocalKubernetes
class TableThrottlingFaultIT {

  private static final String APP = "raced";
  private static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path tmp;
  private final Clock clock = Clock.systemUTC();
  private final SharedQueue queue = new SharedQueue();
  private final List<Reconciler.Parts> containers = new ArrayList<>();
  private LocalDriftless local;
  private ThrottlingTableRelay relay;

  @AfterEach
  void close() {
    containers.forEach(p -> p.clients().close());
    if (relay != null) relay.close();
    if (local != null) local.close();
  }

  /** The queue both containers poll; a message handed back is delivered again, a delay is shortened to 200 ms. */
  static final class SharedQueue implements WorkQueue {
    record Entry(SyncMessage message, Instant notBefore) {}

    final LinkedBlockingDeque<Entry> entries = new LinkedBlockingDeque<>();
    final AtomicInteger busy = new AtomicInteger();
    final AtomicInteger handedBack = new AtomicInteger();

    @Override
    public void enqueue(SyncMessage message, String deduplicationId) {
      entries.add(new Entry(message, Instant.now()));
    }

    @Override
    public void enqueueLater(SyncMessage message, Duration delay) {
      entries.add(new Entry(message, Instant.now().plusMillis(200)));
    }
  }

  @Test
  void twoContainersRacingOnOneApplicationWhileTheTableThrottlesApplyEachCommitOnceAndNeverShareTheLease(
      LocalClusters clusters, TestNamespace ns, AwsEndpoints aws) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    local.parts().applications().put(local.application(APP, ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", APP, 0);
    relay = new ThrottlingTableRelay(aws.aws());
    List<Functions> fns = List.of(container(0), container(1));
    List<String> written = new CopyOnWriteArrayList<>();
    try (Watch watch = ns.client().configMaps().inNamespace(ns.name()).withName("settings").watch(
        new Watcher<ConfigMap>() {
          @Override
          public void eventReceived(Action action, ConfigMap cm) {
            if (action != Action.DELETED) written.add(cm.getData().get("mode"));
          }

          @Override
          public void onClose(WatcherException cause) { }
        })) {
      for (String mode : List.of("blue", "green")) {
        RevCommit c = local.repo.commit(mode, TestRepo.files("apps/web/config.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: %s}
            """.formatted(mode)));
        SyncMessage push = new SyncMessage(APP, Trigger.PUSH, c.getName(), clock.instant());
        queue.enqueue(push, null);
        queue.enqueue(push, null);
        relay.throttle(6, 3);
        work(fns);
        relay.throttle(0, 0);
        assertThat(local.parts().status().get(APP).revision()).as("synced to " + mode).isEqualTo(c.getName());
      }
      Processes.await("the watch to see both writes", Duration.ofSeconds(30), () -> written.size() >= 2);
      assertThat(written).as("each commit written once, in order").containsExactly("blue", "green");
    }

    assertThat(relay.throttled()).as("requests throttled").isGreaterThan(0);
    List<HistoryEntry> history = local.parts().status().history(APP, 50);
    System.out.println("[fault] throttled " + relay.throttled() + " requests; " + queue.handedBack.get()
        + " message(s) handed back; history: " + history.stream().map(h -> h.result() + " " + h.counts() + " "
        + h.message()).toList());
    assertThat(history).filteredOn(h -> h.counts().containsKey("create")).as("the create, once").hasSize(1);
    assertThat(history).filteredOn(h -> h.counts().containsKey("configure")).as("the configure, once").hasSize(1);
    assertThat(local.parts().status().get(APP).lastResult()).isEqualTo(OperationResult.SUCCEEDED);
    assertLeaseNeverHeldByTwo(relay.leaseWrites);
  }

  /** One pass's hold on the lease: from its take to its release, or to the end of its last term if sooner. */
  private record Span(String holder, Instant from, Instant released, Instant termEnd) {
    Instant end() {
      return released != null && released.isBefore(termEnd) ? released : termEnd;
    }

    boolean overlaps(Span o) {
      return from.isBefore(o.end()) && o.from.isBefore(end());
    }

    Span with(ThrottlingTableRelay.LeaseWrite w) {
      return w.kind().equals("release") ? new Span(holder, from, w.at(), termEnd)
          : new Span(holder, from, released, Instant.ofEpochMilli(w.until()));
    }
  }

  private static void assertLeaseNeverHeldByTwo(List<ThrottlingTableRelay.LeaseWrite> writes) {
    Map<String, Span> spans = new LinkedHashMap<>();
    for (ThrottlingTableRelay.LeaseWrite w : writes) {
      spans.merge(w.holder(), new Span(w.holder(), w.at(), null, Instant.ofEpochMilli(w.until())).with(w),
          (held, ignored) -> held.with(w));
    }
    List<Span> all = new ArrayList<>(spans.values());
    assertThat(all).as("passes that held the lease").hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        assertThat(all.get(i).overlaps(all.get(j))).as("%s and %s overlap", all.get(i), all.get(j)).isFalse();
      }
    }
  }

  /** One Lambda container: its own table client (through the relay), Git cache and cluster clients. */
  private Functions container(int n) {
    Settings s = local.settings;
    Settings own = new Settings(s.table(), s.eventBus(), tmp.resolve("cache-" + n), s.gitCacheBytes(), s.kustomize(),
        s.helm(), s.historyRetention());
    DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(relay.endpoint()).build();
    Reconciler.Parts parts = Wiring.parts(own, ddb, new SecretsManagerClient(local.secretsManager),
        (type, detail) -> { }, clock);
    containers.add(parts);
    return new Functions(new Reconciler(parts, Wiring.options(own).withHealthPoll(Duration.ofMillis(200))
        .withLease(LEASE, LEASE.dividedBy(3)), clock), parts, queue, clock);
  }

  /** Both containers poll the queue until it is empty and neither works. */
  private void work(List<Functions> fns) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(fns.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Functions fn : fns) running.add(pool.submit(() -> poll(fn)));
      for (Future<?> f : running) f.get(2, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
  }

  private Void poll(Functions fn) throws InterruptedException {
    SyncHandler handler = new SyncHandler(fn);
    while (true) {
      SharedQueue.Entry e = queue.entries.poll(100, TimeUnit.MILLISECONDS);
      if (e == null) {
        if (queue.busy.get() == 0 && queue.entries.isEmpty()) return null;
        continue;
      }
      queue.busy.incrementAndGet();
      try {
        long wait = Duration.between(Instant.now(), e.notBefore()).toMillis();
        if (wait > 0) Thread.sleep(wait);
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + System.nanoTime());
        m.setBody(e.message().toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        SQSBatchResponse r = handler.handleRequest(event, new LocalContext("SyncFunction", Duration.ofMinutes(2),
            clock));
        if (!r.getBatchItemFailures().isEmpty()) {
          queue.handedBack.incrementAndGet();
          queue.enqueueLater(e.message(), Duration.ZERO);
        }
      } finally {
        queue.busy.decrementAndGet();
      }
    }
  }
}
