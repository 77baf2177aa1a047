package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.LocalKubeconfig;
import dev.driftless.fixture.RequestCounter;
import dev.driftless.fixture.TcpRelay;
import dev.driftless.functions.api.RecordingQueue;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.health.HealthStatus;
import dev.driftless.reconcile.ClusterScan;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AppStatus;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The drift scan per cluster, against two real API servers and moto: 30 kustomize Applications, 15 on each
 * cluster (c1 reached through a relay that a test can stop). A scan lists each tracked kind and namespace once per
 * cluster (counted at the API servers' {@code /metrics}), queues a full reconcile exactly for the Applications
 * that drifted, had a new commit, a changed spec or a rotated secret, writes nothing to the table and renders
 * nothing when nothing changed, and an unreachable cluster holds up only its own message.
 */
@LocalAws
@LocalKubernetes
class ClusterScanIT {

  private static final int PER_CLUSTER = 15;

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private final String ns = "scan-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secretId = "driftless/refs/scan/" + UUID.randomUUID();
  private LocalDriftless local;
  private Functions fn;
  private TcpRelay relay;
  private KubernetesClient k1;
  private KubernetesClient k2;
  private Path kustomizeRuns;
  private RevCommit base;

  @BeforeEach
  void start(LocalClusters clusters) throws IOException {
    kustomizeRuns = tmp.resolve("kustomize-runs");
    Files.createFile(kustomizeRuns);
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c2")
        .withKustomize(countingKustomize());
    LocalKubeconfig c1 = LocalKubeconfig.of(clusters, "c1");
    relay = TcpRelay.to(c1.server());
    String kubeconfig = new LocalKubeconfig(relay.url(), c1.ca(), c1.token()).withUser(c1.tokenUser());
    String c1Secret = "driftless/clusters/c1-relayed-" + UUID.randomUUID();
    local.secretsManager.createSecret(r -> r.name(c1Secret).secretString(kubeconfig));
    local.parts().clusters().put(ClusterRegistration.kubeconfig("c1", c1Secret));
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    k1 = clusters.client("c1");
    k2 = clusters.client("c2");
    for (KubernetesClient k : List.of(k1, k2)) {
      k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    local.secretsManager.createSecret(r -> r.name(secretId).secretString("first"));
    Map<String, String> files = new HashMap<>();
    for (String app : apps()) {
      files.put("apps/" + app + "/kustomization.yaml", "resources: [objects.yaml]\n");
      files.put("apps/" + app + "/objects.yaml", configMap(app, "blue") + (app.equals("c2-a00") ? secret() : ""));
    }
    base = local.repo.commit("thirty apps", files);
    local.repo.branch("feature", base);
    for (String app : apps()) {
      String revision = app.equals("c1-a03") ? "feature" : "main";
      local.parts().applications().put(document(app, revision), app, 0);
      ReconcileResult r = local.reconciler().reconcile(ReconcileRequest.manual(app), Instant.now().plusSeconds(120));
      assertThat(r.result()).as(app + ": " + r.message()).isEqualTo(OperationResult.SUCCEEDED);
    }
  }

  @AfterEach
  void close() {
    // Wait until the namespace is gone: the namespace controller lists its ConfigMaps and Secrets while it empties
    // it, and those lists would otherwise be counted in the next test's window.
    for (KubernetesClient k : List.of(k1, k2)) k.namespaces().withName(ns).delete();
    for (KubernetesClient k : List.of(k1, k2)) {
      k.namespaces().withName(ns).waitUntilCondition(Objects::isNull, 2, TimeUnit.MINUTES);
    }
    relay.close();
    local.close();
  }

  @Test
  void aScanListsEachTrackedKindAndNamespaceOncePerClusterAndReconcilesExactlyTheApplicationsThatChanged()
      throws Exception {
    assertThat(scheduledScan()).as("just synced: nothing to reconcile").isEmpty();

    long writes = local.tableRequests.count(RequestCounter.DYNAMODB_WRITES);
    long fetches = local.parts().source().fetchCount();
    long renders = Files.readAllLines(kustomizeRuns).size();
    Map<String, Long> before = lists();
    Map<String, Long> requests = local.tableRequests.snapshot();
    assertThat(scheduledScan()).as("nothing changed: nothing to reconcile").isEmpty();
    assertThat(local.tableRequests.count(RequestCounter.DYNAMODB_WRITES)).as("table writes of a quiet scan")
        .isEqualTo(writes);
    Map<String, Long> read = delta(requests, local.tableRequests.snapshot());
    assertThat(read.getOrDefault("BatchGetItem", 0L)).as("items of Applications read one by one: " + read)
        .isZero();
    assertThat(read.getOrDefault("GetItem", 0L)).as("items read by key, whatever the number of Applications "
        + "(once, whether the cluster index is built; per cluster, its registration, its reachability and its "
        + "project's rules): " + read).isEqualTo(1 + 2 * 3);
    assertThat(read.get("Query")).as("the clusters, the ApplicationSets (evaluated again at each scan), then per "
        + "cluster its index and its projections: " + read).isEqualTo(1 + 1 + 2 * 2);
    assertThat(local.parts().source().fetchCount()).as("fetches of a quiet scan").isEqualTo(fetches);
    assertThat(Files.readAllLines(kustomizeRuns)).as("kustomize runs of a quiet scan").hasSize((int) renders);
    assertThat(delta(before, lists())).as("list requests per cluster, kind and namespace")
        .containsExactlyInAnyOrderEntriesOf(Map.of("c1/configmaps", 1L, "c1/secrets", 0L, "c2/configmaps", 1L,
            "c2/secrets", 1L));

    // A kubectl-style edit of an applied field; a changed Application; a commit on the branch one tracks; a
    // rotated secret.
    k1.configMaps().inNamespace(ns).withName("cm-c1-a01").edit(cm -> {
      cm.getData().put("mode", "by-hand");
      return cm;
    });
    var stored = local.parts().applications().get("c1-a02").orElseThrow();
    local.parts().applications().put(stored.document() + "# edited\n", "c1-a02", stored.version());
    local.repo.checkout("feature");
    local.repo.commit("feature change", TestRepo.files("apps/c1-a03/objects.yaml", configMap("c1-a03", "green")));
    local.repo.checkout("main");
    local.secretsManager.putSecretValue(r -> r.secretId(secretId).secretString("second"));

    before = lists();
    assertThat(scheduledScan()).containsExactly("c1-a01", "c1-a02", "c1-a03", "c2-a00");
    // The one Application tracking a Secret is already known to need a reconcile (its secret rotated), so no
    // Application left in question tracks Secrets: they are not listed.
    assertThat(delta(before, lists())).as("at most one list per cluster, kind and namespace")
        .containsExactlyInAnyOrderEntriesOf(Map.of("c1/configmaps", 1L, "c1/secrets", 0L, "c2/configmaps", 1L,
            "c2/secrets", 0L));
    assertThat(queue.sent).extracting(s -> s.message().trigger()).containsOnly(Trigger.SCHEDULE);
  }

  @Test
  void aRotationTheScanSawIsPlannedWithTheNewValueThoughTheSecretCacheStillHoldsTheOldOne() {
    // c2-a00 was synced with the first value a moment ago: the resolver's cache (5 minutes) holds it.
    local.secretsManager.putSecretValue(r -> r.secretId(secretId).secretString("second"));
    assertThat(scheduledScan()).containsExactly("c2-a00");

    ReconcileResult r = local.reconciler().reconcile(ReconcileRequest.scan("c2-a00"), Instant.now().plusSeconds(60));
    assertThat(r.sync()).as("the plan compared the rotated value with the cluster's: " + r.message())
        .isEqualTo(SyncStatus.OUT_OF_SYNC);
  }

  @Test
  void anUnreachableClusterIsRecordedOnceAndHoldsUpOnlyItsOwnScan() throws Exception {
    local.secretsManager.putSecretValue(r -> r.secretId(secretId).secretString("second"));
    relay.stop();
    assertThat(scheduledScan()).as("c2's scan goes on; c1's reconciles nothing").containsExactly("c2-a00");
    assertThat(local.parts().clusters().unreachable("c1")).hasValueSatisfying(why ->
        assertThat(why).startsWith("cluster unreachable"));
    assertThat(local.parts().clusters().unreachable("c2")).isEmpty();
    assertThat(local.parts().clusters().reachability("c1").version()).as("never reached: no version").isNull();
    ClusterStore.Reachability c2 = local.parts().clusters().reachability("c2");
    assertThat(c2.reachable()).isTrue();
    assertThat(c2.version()).isEqualTo(k2.getKubernetesVersion().getGitVersion()).startsWith("v");

    relay.start();
    assertThat(scheduledScan()).containsExactly("c2-a00");
    assertThat(local.parts().clusters().unreachable("c1")).as("reachable again").isEmpty();
    assertThat(local.parts().clusters().reachability("c1").version()).isEqualTo(
        k1.getKubernetesVersion().getGitVersion());
  }

  @Test
  void aTargetedScanLooksOnlyAtTheNamedApplicationsThatTrackTheKind() {
    k1.configMaps().inNamespace(ns).withName("cm-c1-a01").edit(cm -> {
      cm.getData().put("mode", "by-hand");
      return cm;
    });
    k1.configMaps().inNamespace(ns).withName("cm-c1-a05").edit(cm -> {
      cm.getData().put("mode", "by-hand");
      return cm;
    });
    ClusterScanMessage targeted = new ClusterScanMessage("c1", List.of("c1-a01", "c1-a02"),
        new ClusterScan.Tracking("", "ConfigMap", ns), Instant.now());
    deliver(List.of(targeted));
    assertThat(queue.sent).extracting(s -> s.message().application()).containsExactly("c1-a01");

    queue.sent.clear();
    k1.configMaps().inNamespace(ns).withName("cm-c1-a02").delete();
    deliver(List.of(targeted));
    assertThat(queue.sent).as("a deleted object is missing").extracting(s -> s.message().application())
        .containsExactly("c1-a01", "c1-a02");

    queue.sent.clear();
    deliver(List.of(new ClusterScanMessage("c1", List.of(), new ClusterScan.Tracking("", "ConfigMap", ns),
        Instant.now())));
    assertThat(queue.sent).as("no names: every Application on the cluster tracking the kind")
        .extracting(s -> s.message().application()).containsExactlyInAnyOrder("c1-a01", "c1-a02", "c1-a05");

    queue.sent.clear();
    deliver(List.of(new ClusterScanMessage("c1", List.of(), new ClusterScan.Tracking("apps", "Deployment", ns),
        Instant.now())));
    assertThat(queue.sent).as("nobody tracks Deployments").isEmpty();
  }

  @Test
  void aScanOfOneClusterPassesOverApplicationsOfAnotherEvenWhenAMessageNamesThem() {
    Map<String, Long> before = lists();
    deliver(List.of(new ClusterScanMessage("c1", List.of("c2-a01", "c2-a02", "no-such-app"), null, Instant.now())));
    assertThat(queue.sent).as("another cluster's Applications are not compared with c1's objects").isEmpty();
    assertThat(delta(before, lists()).values()).as("nothing listed for them").containsOnly(0L);
  }

  @Test
  void anApplicationWhoseProjectNoLongerAllowsItsRepositoryIsNotResolvedButReconciledToBeRefused() {
    String project = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team}
        spec:
          sourceRepos: [%s]
          destinations: [{name: c1, namespace: '*'}]
        """;
    long version = local.parts().projects().store().put(project.formatted("'*'"), "team", 0);
    local.parts().applications().put(document("c1-a01", "main").replace("spec:\n", "spec:\n  project: team\n"),
        "c1-a01", local.parts().applications().get("c1-a01").orElseThrow().version());
    ReconcileResult synced = local.reconciler().reconcile(ReconcileRequest.manual("c1-a01"),
        Instant.now().plusSeconds(60));
    assertThat(synced.result()).as(synced.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(scheduledScan()).isEmpty();

    local.parts().projects().store().put(project.formatted("'https://git.example.com/*'"), "team", version);
    assertThat(scheduledScan()).containsExactly("c1-a01");
    ReconcileResult refused = local.reconciler().reconcile(ReconcileRequest.scan("c1-a01"),
        Instant.now().plusSeconds(60));
    assertThat(refused.result()).isEqualTo(OperationResult.FAILED);
    assertThat(refused.message()).contains("team");
  }

  @Test
  void anUnchangedApplicationsHealthIsAssessedFromTheListsAndWrittenOnlyWhenItChanged() {
    assertThat(scheduledScan()).isEmpty();
    AppStatus synced = local.parts().status().get("c2-a03");
    local.parts().status().put("c2", synced.assessed(synced.sync(), HealthStatus.PROGRESSING, Instant.now()));

    long writes = local.tableRequests.count(RequestCounter.DYNAMODB_WRITES);
    assertThat(scheduledScan()).isEmpty();
    assertThat(local.parts().status().get("c2-a03").health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(local.tableRequests.count(RequestCounter.DYNAMODB_WRITES) - writes)
        .as("the projection the status write invalidated, then the health (invalidating it again)").isEqualTo(2);
    writes = local.tableRequests.count(RequestCounter.DYNAMODB_WRITES);
    assertThat(scheduledScan()).isEmpty();
    assertThat(local.tableRequests.count(RequestCounter.DYNAMODB_WRITES) - writes).as("the projection, once")
        .isEqualTo(1);

    writes = local.tableRequests.count(RequestCounter.DYNAMODB_WRITES);
    assertThat(scheduledScan()).isEmpty();
    assertThat(local.tableRequests.count(RequestCounter.DYNAMODB_WRITES)).as("unchanged since: no write")
        .isEqualTo(writes);
  }

  @Test
  void aStaleProjectionSendsItsApplicationToAFullReconcileAndAMissingOneIsReadFromTheApplicationsItems() {
    assertThat(scheduledScan()).isEmpty();
    // As if written before the last sync: an older plan basis.
    Map<String, AttributeValue> stale = new HashMap<>(projection("c1-a04"));
    Map<String, AttributeValue> status = new HashMap<>(stale.get("status").m());
    status.put("basisCommit", AttributeValue.fromS("0".repeat(40)));
    stale.put("status", AttributeValue.fromM(status));
    local.ddb.putItem(r -> r.tableName(local.settings.table()).item(stale));
    // Lost, and the ConfigMaps of one of them edited by hand.
    for (String app : List.of("c1-a05", "c2-a05")) {
      local.ddb.deleteItem(r -> r.tableName(local.settings.table()).key(Map.of("pk",
          AttributeValue.fromS("SCAN#" + app.substring(0, 2)), "sk", AttributeValue.fromS("APP#" + app))));
    }
    k2.configMaps().inNamespace(ns).withName("cm-c2-a05").edit(cm -> {
      cm.getData().put("mode", "by-hand");
      return cm;
    });

    assertThat(scheduledScan()).containsExactly("c1-a04", "c2-a05");
    assertThat(projection("c1-a05")).as("written again from the Application's own items").isNotNull();
    assertThat(scheduledScan()).as("a projection the scan wrote does not hide the drift")
        .containsExactly("c1-a04", "c2-a05");
  }

  /** The scan projection of an Application (as the table holds it), null when it holds none. */
  private Map<String, AttributeValue> projection(String app) {
    Map<String, AttributeValue> item = local.ddb.getItem(r -> r.tableName(local.settings.table()).key(Map.of("pk",
        AttributeValue.fromS("SCAN#" + app.substring(0, 2)), "sk", AttributeValue.fromS("APP#" + app)))
        .consistentRead(true)).item();
    return item == null || !item.containsKey("status") ? null : item;
  }

  @Test
  void aScanThatPlansAndFindsNothingNewWritesNoStatusAndNoHistory() {
    AppStatus before = local.parts().status().get("c1-a04");
    int history = local.parts().status().history("c1-a04", 10).size();
    long writes = local.tableRequests.count(RequestCounter.DYNAMODB_WRITES);

    ReconcileResult r = local.reconciler().reconcile(ReconcileRequest.scan("c1-a04"), Instant.now().plusSeconds(60));

    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(local.parts().status().get("c1-a04").updatedAt()).as("status not rewritten")
        .isEqualTo(before.updatedAt());
    assertThat(local.parts().status().history("c1-a04", 10)).hasSize(history);
    assertThat(local.tableRequests.count(RequestCounter.DYNAMODB_WRITES) - writes)
        .as("the lease's put and delete only").isEqualTo(2);
  }

  /** The scheduled scan, then its cluster scans as the sync function runs them: the Applications queued. */
  private List<String> scheduledScan() {
    queue.scans.clear();
    queue.sent.clear();
    new DriftScanHandler(fn).handleRequest(new ScheduledEvent(), context());
    // The unreachable cluster's message first: the other's must not wait on it.
    List<ClusterScanMessage> scans = queue.scans.stream().map(RecordingQueue.Scan::message)
        .sorted((a, b) -> a.cluster().compareTo(b.cluster())).toList();
    assertThat(scans).extracting(ClusterScanMessage::cluster).containsExactly("c1", "c2");
    deliver(scans);
    return queue.sent.stream().map(s -> s.message().application()).sorted().toList();
  }

  private void deliver(List<ClusterScanMessage> scans) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (ClusterScanMessage m : scans) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(UUID.randomUUID().toString());
      r.setAttributes(Map.of("MessageGroupId", m.cluster(), "ApproximateReceiveCount", "1"));
      r.setBody(m.toJson());
      records.add(r);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    SQSBatchResponse response = new SyncHandler(fn).handleRequest(event, context());
    assertThat(response.getBatchItemFailures()).isEmpty();
  }

  private static LocalContext context() {
    return new LocalContext("scan", Duration.ofMinutes(5), Clock.systemUTC());
  }

  /** The API servers' count of namespaced LIST requests, per cluster and resource. */
  /**
   * The apiserver's list counts per cluster and kind. They are cluster-wide, and the namespace controller lists the
   * ConfigMaps and Secrets of each namespace it empties (earlier test classes' namespaces among them), so the counts
   * are read once no namespace is terminating.
   */
  private Map<String, Long> lists() {
    for (KubernetesClient k : List.of(k1, k2)) {
      Processes.await("no namespace terminating", Duration.ofMinutes(2), () -> k.namespaces().list().getItems()
          .stream().noneMatch(n -> n.getMetadata().getDeletionTimestamp() != null));
    }
    Map<String, Long> out = new HashMap<>();
    for (String resource : List.of("configmaps", "secrets")) {
      out.put("c1/" + resource, listCount(k1, resource));
      out.put("c2/" + resource, listCount(k2, resource));
    }
    return out;
  }

  private static long listCount(KubernetesClient k, String resource) {
    long sum = 0;
    for (String line : k.raw("/metrics").split("\n")) {
      if (line.startsWith("apiserver_request_total{") && line.contains("verb=\"LIST\"")
          && line.contains("resource=\"" + resource + "\"") && line.contains("scope=\"namespace\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new HashMap<>();
    after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
    return out;
  }

  private static List<String> apps() {
    List<String> out = new ArrayList<>();
    for (String cluster : List.of("c1", "c2")) {
      for (int i = 0; i < PER_CLUSTER; i++) out.add(String.format("%s-a%02d", cluster, i));
    }
    return out;
  }

  private String document(String app, String revision) {
    return """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: "%s", targetRevision: %s, path: apps/%s}
          destination: {cluster: %s, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(app, local.repo.fileUrl(), revision, app, app.substring(0, 2), ns);
  }

  private String configMap(String app, String mode) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm-%s, namespace: %s}
        data: {mode: %s}
        """.formatted(app, ns, mode);
  }

  private String secret() {
    return """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: credentials, namespace: %s}
        stringData: {password: "{{resolve:secretsmanager:%s}}"}
        """.formatted(ns, secretId);
  }

  /** A kustomize that notes each run in {@link #kustomizeRuns}, then runs the real one. */
  private Path countingKustomize() throws IOException {
    Path wrapper = tmp.resolve("kustomize");
    Files.writeString(wrapper, "#!/bin/sh\necho run >> '" + kustomizeRuns + "'\nexec '"
        + TestTools.load().kustomize() + "' \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return wrapper;
  }
}
