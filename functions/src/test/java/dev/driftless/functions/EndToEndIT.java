package dev.driftless.functions;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eight end-to-end scenarios: the sync and drift-scan handlers driven with the sample events in
 * events/, against a real Git repository, moto (state and secrets) and two local clusters.
 */
@LocalAws
@LocalKubernetes
class EndToEndIT {

  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();
  private final MemoryQueue queue = new MemoryQueue();
  private LocalDriftless local;
  private Functions fn;
  private SyncHandler sync;
  private TestRepo repo;
  private KubernetesClient c1;
  private KubernetesClient c2;
  private String ns;

  private static final String EXTRA = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n";

  @BeforeEach
  void wire(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1", "c2");
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    sync = new SyncHandler(fn);
    c1 = clusters.client("c1");
    c2 = clusters.client("c2");
    ns = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    repo = local.repo;
  }

  @AfterEach
  void cleanup() {
    for (KubernetesClient c : List.of(c1, c2)) c.namespaces().withName(ns).delete();
    local.close();
  }

  private void register(String app, String path, String cluster, String policy) {
    fn.parts().applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: %s}
          destination: {cluster: %s, namespace: %s}
          syncPolicy: {automated: %s, syncOptions: [CreateNamespace=true]}
        """.formatted(app, repo.fileUrl(), path, cluster, ns, policy), app, 0);
  }

  /** An SQS event shaped like events/sqs-sync-push.json, carrying the given messages. */
  private SQSEvent event(List<SyncMessage> messages) throws Exception {
    JsonNode sample = json.readTree(Files.readString(Path.of("../events/sqs-sync-push.json")));
    JsonNode template = sample.get("Records").get(0);
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (SyncMessage m : messages) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(UUID.randomUUID().toString());
      r.setReceiptHandle(template.get("receiptHandle").asText());
      r.setEventSource(template.get("eventSource").asText());
      r.setEventSourceArn(template.get("eventSourceARN").asText());
      r.setAttributes(Map.of("MessageGroupId", m.application(), "ApproximateReceiveCount", "1"));
      r.setBody(m.toJson());
      records.add(r);
    }
    SQSEvent e = new SQSEvent();
    e.setRecords(records);
    return e;
  }

  /** An SQS event carrying one cluster scan, as the FIFO queue delivers it (message group: the cluster). */
  private static SQSEvent scanEvent(ClusterScanMessage m) {
    SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
    r.setMessageId(UUID.randomUUID().toString());
    r.setAttributes(Map.of("MessageGroupId", m.cluster(), "ApproximateReceiveCount", "1"));
    r.setBody(m.toJson());
    SQSEvent e = new SQSEvent();
    e.setRecords(List.of(r));
    return e;
  }

  private SQSBatchResponse deliver(SyncMessage... messages) throws Exception {
    return sync.handleRequest(event(List.of(messages)), new LocalContext("test", Duration.ofMinutes(5), Clock.systemUTC()));
  }

  private SyncMessage push(String app, String sha) {
    return new SyncMessage(app, Trigger.PUSH, sha, Instant.now(), null, "delivery-" + sha.substring(0, 8));
  }

  private HistoryEntry last(String app) {
    return fn.parts().status().history(app, 1).get(0);
  }

  @Test
  void s1_aSyncAppliesTheAppAndHistoryShowsSucceededWithCounts() throws Exception {
    var c = repo.commit("add web", TestRepo.files("apps/web/config.yaml", CONFIG, "apps/web/deploy.yaml", DEPLOY));
    register("web", "apps/web", "c1", "{prune: true}");
    SQSBatchResponse r = deliver(push("web", c.getName()));
    assertThat(r.getBatchItemFailures()).isEmpty();
    HistoryEntry h = last("web");
    assertThat(h.result()).as(h.message()).isEqualTo(OperationResult.SUCCEEDED);
    // The ConfigMap, the Deployment and the namespace CreateNamespace=true creates (an object of the app's own).
    assertThat(h.counts()).containsEntry("create", 3);
    assertThat(h.deliveryId()).isEqualTo("delivery-" + c.getName().substring(0, 8));
    // The sync ends once its last wave is applied, as Argo CD's does; the rollout goes on after it.
    c1.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d.getStatus() != null
        && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get()).isNotNull();
  }

  @Test
  void s2_aHandMadeChangeIsFoundByTheDriftScanAndRevertedOnlyWithSelfHeal() throws Exception {
    var c = repo.commit("add", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("drift", "apps/web", "c1", "{prune: true}");
    deliver(push("drift", c.getName()));
    c1.configMaps().inNamespace(ns).withName("settings").edit(m -> { m.getData().put("mode", "by-hand"); return m; });

    new DriftScanHandler(fn).handleRequest(new ScheduledEvent(), new dev.driftless.functions.local.LocalContext("test", Duration.ofMinutes(1), Clock.systemUTC()));
    List<ClusterScanMessage> clusterScans = queue.drainScans();
    assertThat(clusterScans).extracting(ClusterScanMessage::cluster).containsOnly("c1");
    for (ClusterScanMessage m : clusterScans) {
      assertThat(new SyncHandler(fn).handleRequest(scanEvent(m), new LocalContext("test", Duration.ofMinutes(5),
          Clock.systemUTC())).getBatchItemFailures()).isEmpty();
    }
    List<SyncMessage> scans = queue.drainNow();
    assertThat(scans).extracting(SyncMessage::trigger).containsOnly(Trigger.SCHEDULE);
    assertThat(scans).extracting(SyncMessage::application).contains("drift");
    deliver(scans.stream().filter(m -> m.application().equals("drift")).toArray(SyncMessage[]::new));
    assertThat(fn.parts().status().get("drift").sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "by-hand");

    fn.parts().applications().put(fn.parts().applications().get("drift").orElseThrow().document()
        .replace("{prune: true}", "{prune: true, selfHeal: true}"), "drift", 1);
    deliver(new SyncMessage("drift", Trigger.SCHEDULE, null, Instant.now()));
    assertThat(fn.parts().status().get("drift").sync()).isEqualTo(SyncStatus.SYNCED);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "blue");
  }

  @Test
  void s3_aCommitWithInvalidYamlFailsNamingTheFileAndTouchesNothing() throws Exception {
    var good = repo.commit("good", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("bad", "apps/web", "c1", "{prune: true}");
    deliver(push("bad", good.getName()));
    var before = fn.parts().status().get("bad");

    var broken = repo.commit("broken", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green"),
        "apps/web/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata: [oops\n"));
    SQSBatchResponse r = deliver(push("bad", broken.getName()));
    assertThat(r.getBatchItemFailures()).isEmpty();
    HistoryEntry h = last("bad");
    assertThat(h.result()).isEqualTo(OperationResult.FAILED);
    assertThat(h.message()).contains("apps/web/broken.yaml");
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "blue");
    var after = fn.parts().status().get("bad");
    assertThat(after.revision()).isEqualTo(before.revision());
    assertThat(after.inventory()).isEqualTo(before.inventory());
  }

  @Test
  void s4_removingAFilePrunesItsObjectAndNeverTouchesAnotherApplications() throws Exception {
    var c = repo.commit("two apps", TestRepo.files("apps/a/config.yaml", CONFIG, "apps/a/extra.yaml", EXTRA,
        "apps/b/other.yaml", CONFIG.replace("name: settings", "name: other")));
    register("app-a", "apps/a", "c1", "{prune: true}");
    register("app-b", "apps/b", "c1", "{prune: true}");
    deliver(push("app-a", c.getName()), push("app-b", c.getName()));
    var removed = repo.commit("drop extra", TestRepo.files("apps/a/extra.yaml", null));
    deliver(push("app-a", removed.getName()));
    assertThat(last("app-a").counts()).containsEntry("prune", 1);
    c1.configMaps().inNamespace(ns).withName("extra").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get()).isNotNull();
    assertThat(c1.configMaps().inNamespace(ns).withName("other").get()).isNotNull();
    assertThat(c1.configMaps().inNamespace(ns).withName("other").get().getMetadata().getAnnotations())
        .containsEntry("driftless.dev/tracking-id", "app-b:/ConfigMap:" + ns + "/other");
  }

  @Test
  void s5_twoOperationsForOneApplicationNeverInterleaveAndTheNewerRevisionWins() throws Exception {
    var older = repo.commit("older", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "older")));
    var newer = repo.commit("newer", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "newer")));
    register("race", "apps/web", "c1", "{prune: true}");
    var pool = Executors.newFixedThreadPool(2);
    try {
      Future<SQSBatchResponse> a = pool.submit(() -> deliver(push("race", older.getName())));
      Future<SQSBatchResponse> b = pool.submit(() -> deliver(push("race", newer.getName())));
      assertThat(a.get().getBatchItemFailures()).isEmpty();
      assertThat(b.get().getBatchItemFailures()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
    // Whatever ran second found the lease taken and was put back on the queue; deliver what was deferred.
    for (int round = 0; round < 5 && !queue.later.isEmpty(); round++) {
      for (SyncMessage m : queue.drainLater()) deliver(m);
    }
    List<HistoryEntry> history = fn.parts().status().history("race", 10);
    for (int i = 1; i < history.size(); i++) {
      HistoryEntry earlier = history.get(i);
      HistoryEntry later = history.get(i - 1);
      assertThat(earlier.startedAt().plus(earlier.duration())).isBeforeOrEqualTo(later.startedAt());
    }
    assertThat(fn.parts().status().get("race").revision()).isEqualTo(newer.getName());
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "newer");
  }

  @Test
  void s6_rollbackRestoresAnEarlierRevisionsObjects() throws Exception {
    var v1 = repo.commit("v1", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("roll", "apps/web", "c1", "{prune: true}");
    deliver(push("roll", v1.getName()));
    String v1Op = last("roll").id();
    var v2 = repo.commit("v2", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "v2"),
        "apps/web/extra.yaml", EXTRA));
    deliver(push("roll", v2.getName()));
    assertThat(c1.configMaps().inNamespace(ns).withName("extra").get()).isNotNull();

    deliver(new SyncMessage("roll", Trigger.ROLLBACK, null, Instant.now(), v1Op, null));
    HistoryEntry h = last("roll");
    assertThat(h.result()).as(h.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(h.trigger()).isEqualTo(Trigger.ROLLBACK);
    assertThat(h.revision()).isEqualTo(v1.getName());
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "blue");
    c1.configMaps().inNamespace(ns).withName("extra").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
  }

  @Test
  void s7_oneRevisionSyncedToTwoApplicationsOnTwoClustersFetchesTheRepositoryOnce() throws Exception {
    var c = repo.commit("shared", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("east", "apps/web", "c1", "{prune: true}");
    register("west", "apps/web", "c2", "{prune: true}");
    long before = fn.parts().source().fetchCount();
    deliver(push("east", c.getName()), push("west", c.getName()));
    assertThat(fn.parts().source().fetchCount() - before).isEqualTo(1);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get()).isNotNull();
    assertThat(c2.configMaps().inNamespace(ns).withName("settings").get()).isNotNull();
  }

  @Test
  void s8_aKilledInvocationsLeaseIsRecoveredByTheNextWithNothingLostFromHistory() throws Exception {
    var v1 = repo.commit("v1", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("crash", "apps/web", "c1", "{prune: true}");
    deliver(push("crash", v1.getName()));
    var v2 = repo.commit("v2", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "after-crash")));
    // An invocation took the lease and was killed: its lease stays until it expires.
    var stale = fn.parts().leases().acquire("crash", "killed-invocation", Duration.ofSeconds(10));
    deliver(push("crash", v2.getName()));
    assertThat(queue.later).hasSize(1);
    Processes.await("the killed invocation's lease to expire", Duration.ofSeconds(30),
        () -> Instant.now().isAfter(stale.expiresAt()));
    for (SyncMessage m : queue.drainLater()) deliver(m);
    List<HistoryEntry> history = fn.parts().status().history("crash", 10);
    assertThat(history).extracting(HistoryEntry::revision).containsExactly(v2.getName(), v1.getName());
    assertThat(history).extracting(HistoryEntry::result).containsOnly(OperationResult.SUCCEEDED);
    assertThat(c1.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("mode", "after-crash");
  }
}
