package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.apply.Action;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.health.HealthStatus;
import dev.driftless.model.SyncStep;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AppStatus;
import dev.driftless.state.ConflictException;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole pipeline against a real Git repository, moto (state and secrets) and the local control plane. */
@LocalAws
@LocalKubernetes
class ReconcilerIT {

  @TempDir Path tmp;
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private LocalDriftless local;
  private DynamoDbClient ddb;
  private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm;
  private TestRepo repo;
  private Settings settings;
  private Reconciler.Parts parts;
  private Reconciler reconciler;
  private String kubeconfigSecret;

  @BeforeEach
  void wire(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> {
      Map<String, Object> e = new HashMap<>(detail);
      e.put("type", type);
      events.add(e);
    }).withClusters(clusters, "c1");
    ddb = local.ddb;
    sm = local.secretsManager;
    repo = local.repo;
    settings = local.settings;
    parts = local.parts();
    reconciler = local.reconciler();
    kubeconfigSecret = local.kubeconfigSecret("c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private void register(String name, String namespace, String policy) {
    parts.applications().put(local.application(name, namespace) + "  syncPolicy: " + policy + "\n", name, 0);
  }

  private ReconcileResult run(ReconcileRequest req) {
    return reconciler.reconcile(req, Instant.now().plus(Duration.ofMinutes(2)));
  }

  @Test
  void aPushSyncsTheCommitRecordsStatusAndHistoryAndALaterCommitConfiguresAndPrunes(TestNamespace ns) {
    var first = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG, "apps/web/deploy.yaml", DEPLOY));
    register("web", ns.name(), "{automated: {prune: true, selfHeal: true}}");

    ReconcileResult r1 = run(ReconcileRequest.push("web", first.getName()));
    assertThat(r1.result()).as(r1.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(r1.sync()).isEqualTo(SyncStatus.SYNCED);
    // The sync ends once its one wave is applied; health is assessed then, apart (the rollout may not be done).
    assertThat(r1.health()).isIn(HealthStatus.HEALTHY, HealthStatus.PROGRESSING);
    assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("web").get()).isNotNull();
    var status = parts.status().get("web");
    assertThat(status.revision()).isEqualTo(first.getName());
    assertThat(status.inventory().entries()).hasSize(2);
    assertThat(parts.status().history("web", 10)).singleElement().satisfies(h -> {
      assertThat(h.revision()).isEqualTo(first.getName());
      assertThat(h.author()).contains("Ada Lovelace");
      assertThat(h.commitMessage()).isEqualTo("first");
      assertThat(h.counts()).containsEntry("create", 2);
    });
    assertThat(events).anyMatch(e -> "Sync Succeeded".equals(e.get("type")));

    var second = repo.commit("second", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green"),
        "apps/web/deploy.yaml", null));
    ReconcileResult r2 = run(ReconcileRequest.push("web", second.getName()));
    assertThat(r2.result()).as(r2.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "green");
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    assertThat(parts.status().history("web", 10).get(0).counts()).containsEntry("configure", 1).containsEntry("prune", 1);

    // Rollback: back to the first commit's objects.
    String firstOp = parts.status().history("web", 10).get(1).id();
    ReconcileResult back = run(ReconcileRequest.rollback("web", firstOp));
    assertThat(back.result()).as(back.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(back.revision()).isEqualTo(first.getName());
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
    assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("web").get()).isNotNull();
  }

  @Test
  void aRevisionTouchesAnApplicationOnlyWhenItChangesTheDirectoriesItRendersFrom(TestNamespace ns) {
    var first = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG, "docs/readme.md", "one"));
    register("web", ns.name(), "{}");
    assertThat(run(ReconcileRequest.manual("web")).result()).isEqualTo(OperationResult.SUCCEEDED);

    var docs = repo.commit("docs only", TestRepo.files("docs/readme.md", "two"));
    assertThat(reconciler.touches("web", docs.getName())).as("a change outside apps/web").isFalse();
    var config = repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green")));
    assertThat(reconciler.touches("web", config.getName())).as("a change under apps/web").isTrue();
    assertThat(parts.status().get("web").revision()).as("nothing recorded").isEqualTo(first.getName());
  }

  @Test
  void aScanWithoutSelfHealRecordsDriftAndOneWithSelfHealRepairsIt(TestNamespace ns) {
    var c = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("scan", ns.name(), "{automated: {prune: true}}");
    assertThat(run(ReconcileRequest.push("scan", c.getName())).result()).isEqualTo(OperationResult.SUCCEEDED);

    ns.client().configMaps().inNamespace(ns.name()).withName("settings").edit(cm -> {
      cm.getData().put("mode", "hand-edited");
      return cm;
    });
    ReconcileResult scan = run(ReconcileRequest.scan("scan"));
    assertThat(scan.sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(scan.message()).contains("out of sync").contains("configure=1");
    assertThat(parts.status().get("scan").sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(events).anyMatch(e -> "Drift Detected".equals(e.get("type")) && "scan".equals(e.get("application")));
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "hand-edited");

    parts.applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: scan}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {automated: {prune: true, selfHeal: true}}
        """.formatted(repo.fileUrl(), ns.name()), "scan", 1);
    ReconcileResult healed = run(ReconcileRequest.scan("scan"));
    assertThat(healed.result()).as(healed.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(healed.sync()).isEqualTo(SyncStatus.SYNCED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
  }

  @Test
  void anApplicationNeverSyncedIsOutOfSyncAndMissingNotHealthy(TestNamespace ns) {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("manual", ns.name(), "{}");

    ReconcileResult scan = run(ReconcileRequest.scan("manual"));
    assertThat(scan.sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(parts.status().get("manual").health()).as("its objects are still to create")
        .isEqualTo(HealthStatus.MISSING);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
  }

  @Test
  void aMissingSecretFailsTheOperationNamingTheReferenceAndAppliesNothing(TestNamespace ns) {
    String secretRef = "{{resolve:secretsmanager:driftless/refs/missing/" + UUID.randomUUID() + ":SecretString:password}}";
    var c = repo.commit("secret", TestRepo.files("apps/web/config.yaml", CONFIG,
        "apps/web/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: \""
            + secretRef + "\"}\n"));
    register("sec", ns.name(), "{automated: {prune: true}, retry: {limit: 2, backoff: {duration: 5s, factor: 2}}}");
    ReconcileResult r = run(ReconcileRequest.push("sec", c.getName()));
    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).contains("Secret").contains("db").contains("stringData.password").contains(secretRef);
    assertThat(r.continueAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
    assertThat(parts.status().get("sec").lastResult()).isEqualTo(OperationResult.FAILED);
    assertThat(parts.status().get("sec").operation().attempt()).isEqualTo(2);
  }

  @Test
  void anOperationLeasedByAnotherIsSkippedAndAStalePushIsSuperseded(TestNamespace ns) {
    var c1 = repo.commit("one", TestRepo.files("apps/web/config.yaml", CONFIG));
    var c2 = repo.commit("two", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "red")));
    register("lease", ns.name(), "{automated: {prune: true}}");
    assertThat(run(ReconcileRequest.push("lease", c2.getName())).result()).isEqualTo(OperationResult.SUCCEEDED);
    ReconcileResult stale = run(ReconcileRequest.push("lease", c1.getName()));
    assertThat(stale.result()).isEqualTo(OperationResult.SUPERSEDED);
    assertThat(parts.status().history("lease", 1).get(0).result()).isEqualTo(OperationResult.SUPERSEDED);

    var held = parts.leases().acquire("lease", "someone-else", Duration.ofMinutes(1));
    ReconcileResult busy = run(ReconcileRequest.manual("lease"));
    assertThat(busy.result()).isEqualTo(OperationResult.SKIPPED);
    assertThat(busy.message()).contains("leased by someone-else");
    parts.leases().release(held);
  }

  @Test
  void anOperationStillProgressingAtItsDeadlineIsSavedAndContinued(TestNamespace ns) {
    // The pods can only run on a node labelled for this test, and none is yet: the rollout cannot finish.
    String pinned = pinnedDeployment(ns);
    var c = repo.commit("deploy", TestRepo.files("apps/web/deploy.yaml", pinned));
    register("slow", ns.name(), "{automated: {prune: true}}");
    Reconciler hasty = new Reconciler(parts, Wiring.options(settings).withDeadlineMargin(Duration.ZERO),
        Clock.systemUTC());
    ReconcileResult first = hasty.reconcile(ReconcileRequest.push("slow", c.getName()), Instant.now());
    assertThat(first.result()).as(first.message()).isEqualTo(OperationResult.RUNNING);
    assertThat(first.needsContinuation()).isTrue();
    assertThat(parts.status().get("slow").operation().step()).isEqualTo(SyncStep.HEALTH);

    String node = ns.client().nodes().list().getItems().get(0).getMetadata().getName();
    ns.client().nodes().withName(node).edit(n -> {
      n.getMetadata().getLabels().put("driftless.dev/reconciler-it", ns.name());
      return n;
    });
    try {
      ReconcileResult done = run(ReconcileRequest.continuation("slow", first.operationId()));
      assertThat(done.result()).as(done.message()).isEqualTo(OperationResult.SUCCEEDED);
      assertThat(done.health()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(parts.status().get("slow").operation()).isNull();
    } finally {
      ns.client().nodes().withName(node).edit(n -> {
        n.getMetadata().getLabels().remove("driftless.dev/reconciler-it");
        return n;
      });
    }
  }

  @Test
  void anOperationHeldBetweenWavesIsSavedWithTheWaveItWaitsToApply(TestNamespace ns) {
    // Wave 0's Deployment cannot become ready (no node carries its label), so wave 2 waits.
    String deploy = DEPLOY.replace("spec: {containers:", "spec: {nodeSelector: {driftless.dev/reconciler-it: "
        + ns.name() + "}, containers:");
    String later = CONFIG.replace("metadata: {name: settings}",
        "metadata: {name: settings, annotations: {argocd.argoproj.io/sync-wave: \"2\"}}");
    var c = repo.commit("waves", TestRepo.files("apps/web/deploy.yaml", deploy, "apps/web/config.yaml", later));
    register("waves", ns.name(), "{automated: {prune: true}}");
    Reconciler hasty = new Reconciler(parts, Wiring.options(settings).withDeadlineMargin(Duration.ZERO),
        Clock.systemUTC());

    ReconcileResult held = hasty.reconcile(ReconcileRequest.push("waves", c.getName()), Instant.now());
    assertThat(held.result()).as(held.message()).isEqualTo(OperationResult.RUNNING);
    Operation op = parts.status().get("waves").operation();
    assertThat(op.step()).isEqualTo(SyncStep.APPLY);
    assertThat(op.wave()).as("the wave it waits to apply").isEqualTo(2);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
  }

  @Test
  void aCrashedPassGetsAnAbandonedEntryAndItsContinuationRecordsTheFirstStartAndTheCountsOfEveryPass(
      TestNamespace ns) {
    // The pods can only run on a node labelled for this test, and none is yet: the first pass stops at HEALTH.
    String pinned = pinnedDeployment(ns);
    var c = repo.commit("deploy", TestRepo.files("apps/web/deploy.yaml", pinned));
    register("crashy", ns.name(), "{automated: {prune: true}}");
    Reconciler hasty = new Reconciler(parts, Wiring.options(settings).withDeadlineMargin(Duration.ZERO),
        Clock.systemUTC());
    ReconcileResult first = hasty.reconcile(ReconcileRequest.push("crashy", c.getName()), Instant.now());
    assertThat(first.result()).as(first.message()).isEqualTo(OperationResult.RUNNING);
    AppStatus saved = parts.status().get("crashy");
    Operation firstPass = saved.operation();
    assertThat(firstPass.leaseUntil()).as("a saved operation runs no pass").isNull();
    assertThat(firstPass.counts()).containsEntry("create", 1);

    // The continuation's pass started, as a crashed function leaves it: its lease taken, its status written,
    // then nothing more; the lease has expired since.
    Instant passStart = Instant.now().minusSeconds(400);
    Instant expired = passStart.plusSeconds(330);
    Operation crashed = firstPass.running(passStart, expired);
    parts.status().put("c1", saved.ended(saved.sync(), saved.health(), crashed, OperationResult.RUNNING, "running",
        passStart));
    parts.leases().acquire("crashy", crashed.id(), Duration.ofMillis(1));
    assertThat(parts.status().operation("crashy").abandonedAt(Instant.now())).isTrue();

    labelNode(ns, true);
    try {
      ReconcileResult done = run(ReconcileRequest.continuation("crashy", first.operationId()));
      assertThat(done.result()).as(done.message()).isEqualTo(OperationResult.SUCCEEDED);
    } finally {
      labelNode(ns, false);
    }
    List<HistoryEntry> history = parts.status().history("crashy", 10);
    assertThat(history).hasSize(2);
    HistoryEntry abandoned = history.stream().filter(h -> h.result() == OperationResult.ABANDONED).findFirst()
        .orElseThrow();
    assertThat(abandoned.message()).isEqualTo("abandoned: the function stopped at step HEALTH (lease expired at "
        + expired + "); continued");
    assertThat(abandoned.startedAt()).isEqualTo(passStart);
    HistoryEntry end = history.stream().filter(h -> h.result() == OperationResult.SUCCEEDED).findFirst()
        .orElseThrow();
    assertThat(end.id()).isEqualTo(first.operationId());
    assertThat(end.startedAt()).isEqualTo(firstPass.startedAt());
    assertThat(end.duration()).isGreaterThanOrEqualTo(Duration.between(firstPass.startedAt(), passStart));
    // The Deployment, created by the first pass, and the PostSync hook, by the continuation.
    assertThat(end.counts()).containsEntry("create", 2);
    assertThat(parts.status().get("crashy").operation()).isNull();
  }

  @Test
  void aRunningPassIsRecordedWithItsStepAndLeaseBeforeItsFirstStep(TestNamespace ns) throws Exception {
    String pinned = pinnedDeployment(ns);
    var c = repo.commit("deploy", TestRepo.files("apps/web/deploy.yaml", pinned));
    register("shown", ns.name(), "{automated: {prune: true}}");
    CompletableFuture<ReconcileResult> pass = CompletableFuture.supplyAsync(
        () -> run(ReconcileRequest.push("shown", c.getName())));
    try {
      AppStatus running = awaitStatus("shown", st -> st.operation() != null && st.operation().leaseUntil() != null);
      assertThat(running.lastResult()).isEqualTo(OperationResult.RUNNING);
      assertThat(running.lastMessage()).startsWith("running since " + running.operation().startedAt() + ", step ");
      assertThat(running.operation().leaseUntil()).isAfter(Instant.now());
      ReconcileResult busy = run(ReconcileRequest.continuation("shown", running.operation().id()));
      assertThat(busy.result()).as("a continuation does not run beside a live pass").isEqualTo(
          OperationResult.SKIPPED);
      assertThat(busy.message()).contains("is running until");
      labelNode(ns, true);
      assertThat(pass.get(2, TimeUnit.MINUTES).result()).isEqualTo(OperationResult.SUCCEEDED);
    } finally {
      labelNode(ns, false);
    }
    assertThat(parts.status().get("shown").operation()).isNull();
  }

  @Test
  void aPassLongerThanItsShortLeaseRenewsItAndKeepsOthersOut(TestNamespace ns) throws Exception {
    String pinned = pinnedDeployment(ns);
    var c = repo.commit("deploy", TestRepo.files("apps/web/deploy.yaml", pinned));
    register("renewing", ns.name(), "{automated: {prune: true}}");
    Duration period = Duration.ofSeconds(3);
    Reconciler shortLease = new Reconciler(parts, Wiring.options(settings).withLease(period, Duration.ofMillis(500)),
        Clock.systemUTC());
    CompletableFuture<ReconcileResult> pass = CompletableFuture.supplyAsync(
        () -> shortLease.reconcile(ReconcileRequest.push("renewing", c.getName()), Instant.now().plusSeconds(120)));
    try {
      Operation op = awaitStatus("renewing", st -> st.operation() != null && st.operation().leaseUntil() != null)
          .operation();
      // The recorded first term and a whole period after it have passed while the pass waits for its rollout.
      Instant bound = Instant.now().plusSeconds(60);
      while (!Instant.now().isAfter(op.leaseUntil().plus(period))) {
        assertThat(Instant.now()).as("past the first lease term within 60 s").isBefore(bound);
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertThat(pass).as("the pass still waits for its rollout").isNotDone();
      LeaseStore.Lease held = parts.leases().current("renewing").orElseThrow();
      assertThat(held.holder()).startsWith(op.id() + "/");
      assertThat(held.expiresAt()).as("renewed past its first term").isAfter(op.leaseUntil().plus(period));
      assertThatThrownBy(() -> parts.leases().acquire("renewing", "intruder", Duration.ofMinutes(1)))
          .isInstanceOf(ConflictException.class).hasMessageContaining("leased by " + op.id() + "/");
      ReconcileResult busy = run(ReconcileRequest.continuation("renewing", op.id()));
      assertThat(busy.result()).as("a continuation does not run beside a pass that renews its lease")
          .isEqualTo(OperationResult.SKIPPED);
      assertThat(busy.message()).contains("is running until");
      labelNode(ns, true);
      ReconcileResult done = pass.get(2, TimeUnit.MINUTES);
      assertThat(done.result()).as(done.message()).isEqualTo(OperationResult.SUCCEEDED);
    } finally {
      labelNode(ns, false);
    }
    assertThat(parts.leases().current("renewing")).as("released at the end of the pass").isEmpty();
  }

  private AppStatus awaitStatus(String app, Predicate<AppStatus> condition) throws InterruptedException {
    Instant until = Instant.now().plusSeconds(60);
    AppStatus st = parts.status().get(app);
    while (!condition.test(st)) {
      assertThat(Instant.now()).as("status of " + app + " within 60 s: " + st).isBefore(until);
      TimeUnit.MILLISECONDS.sleep(100);
      st = parts.status().get(app);
    }
    return st;
  }

  /**
   * The Deployment whose pods may run only on a node {@link #labelNode} labels for this test, and a PostSync hook:
   * the sync waits for the rollout before the hook, until then.
   */
  private static String pinnedDeployment(TestNamespace ns) {
    return DEPLOY.replace("spec: {containers:", "spec: {nodeSelector: {driftless.dev/reconciler-it: " + ns.name()
        + "}, containers:") + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: notify, annotations: {argocd.argoproj.io/hook: PostSync}}
        data: {ran: "yes"}
        """;
  }

  private static void labelNode(TestNamespace ns, boolean on) {
    String node = ns.client().nodes().list().getItems().get(0).getMetadata().getName();
    ns.client().nodes().withName(node).edit(n -> {
      if (on) {
        n.getMetadata().getLabels().put("driftless.dev/reconciler-it", ns.name());
      } else {
        n.getMetadata().getLabels().remove("driftless.dev/reconciler-it");
      }
      return n;
    });
  }

  @Test
  void aHelmChartIsRenderedForTheDestinationClustersKubernetesVersionByDiffAndSyncAlike(TestNamespace ns) {
    var c = repo.commit("chart", TestRepo.files(
        "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "charts/web/values.yaml", "greeting: hello\n",
        "charts/web/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-info}\n"
            + "data: {kube: \"{{ .Capabilities.KubeVersion.Version }}\", greeting: {{ .Values.greeting }}}\n"));
    parts.applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: chart, namespace: argocd}
        spec:
          project: default
          source:
            repoURL: "%s"
            targetRevision: main
            path: charts/web
            helm: {releaseName: web, values: "greeting: bonjour"}
          destination: {name: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(repo.fileUrl(), ns.name()), "chart", 0);
    // The diff renders as the sync does: for the destination's version, not helm's built-in default.
    assertThat(reconciler.diff("chart", null).changes()).singleElement()
        .satisfies(ch -> assertThat(ch.diff()).contains("kube: v1.34.4"));
    ReconcileResult r = run(ReconcileRequest.push("chart", c.getName()));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("web-info").get().getData())
        .containsEntry("kube", "v1.34.4").containsEntry("greeting", "bonjour");
  }

  @Test
  void aRotatedSecretIsDriftAndItsValuesReachNeitherTheTableNorDiffsNorMessages(TestNamespace ns) {
    String id = "driftless/refs/apps/db-" + UUID.randomUUID();
    String first = "first-" + UUID.randomUUID();
    String second = "second-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(id).secretString("{\"password\":\"" + first + "\"}"));
    var c = repo.commit("secret", TestRepo.files("apps/web/secret.yaml", "apiVersion: v1\nkind: Secret\n"
        + "metadata: {name: db}\nstringData: {password: \"{{resolve:secretsmanager:" + id + ":SecretString:password}}\"}\n"));
    register("sec2", ns.name(), "{automated: {prune: true, selfHeal: true}}");
    ReconcileResult r1 = run(ReconcileRequest.push("sec2", c.getName()));
    assertThat(r1.result()).as(r1.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(new String(Base64.getDecoder().decode(
        ns.client().secrets().inNamespace(ns.name()).withName("db").get().getData().get("password")))).isEqualTo(first);

    sm.putSecretValue(r -> r.secretId(id).secretString("{\"password\":\"" + second + "\"}"));
    // A new container: the secret cache (5 minutes in a warm one) starts empty, as after its lifetime ends.
    ReconcileResult scan = new Reconciler(Wiring.parts(settings, ddb, new SecretsManagerClient(sm), (t, d) -> { },
        Clock.systemUTC()), Wiring.options(settings), Clock.systemUTC())
        .reconcile(ReconcileRequest.scan("sec2"), Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(scan.changes().count(Action.CONFIGURE)).as(scan.message()).isEqualTo(1);
    assertThat(new String(Base64.getDecoder().decode(
        ns.client().secrets().inNamespace(ns.name()).withName("db").get().getData().get("password")))).isEqualTo(second);

    StringBuilder everything = new StringBuilder();
    ddb.scan(r -> r.tableName(settings.table())).items().forEach(i -> everything.append(i));
    for (ReconcileResult r : List.of(r1, scan)) {
      everything.append(r.message());
      r.changes().changes().forEach(ch -> everything.append(ch.diff()).append(ch.message()).append(ch));
    }
    String all = everything.toString();
    for (String v : List.of(first, second)) {
      assertThat(all).doesNotContain(v)
          .doesNotContain(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aCommitThatReferencesTheClustersOwnCredentialIsRefusedAndPublishesNothing(TestNamespace ns) {
    String kubeconfig = sm.getSecretValue(r -> r.secretId(kubeconfigSecret)).secretString();
    Matcher m = Pattern.compile("token: \"([^\"]+)\"").matcher(kubeconfig);
    assertThat(m.find()).as("the local kubeconfig holds a token").isTrue();
    String token = m.group(1);
    var c = repo.commit("exfiltrate", TestRepo.files("apps/web/leak.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: leak}
        data: {kubeconfig: "{{resolve:secretsmanager:%s}}"}
        """.formatted(kubeconfigSecret)));
    register("leak", ns.name(), "{automated: {prune: true}}");

    ReconcileResult r = run(ReconcileRequest.push("leak", c.getName()));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).contains("ConfigMap leak: data.kubeconfig")
        .contains("is outside driftless/refs/: references may name only secrets under that prefix");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("leak").get()).isNull();
    StringBuilder table = new StringBuilder();
    ddb.scan(q -> q.tableName(settings.table())).items().forEach(table::append);
    assertThat(table.toString()).doesNotContain(token);
    assertThat(events.toString()).doesNotContain(token);
  }

  @Test
  void neitherAPushNorItsRetryDeploysAForksCommitThatAPayloadNames(TestNamespace ns) {
    var base = repo.commit("base", TestRepo.files("apps/web/config.yaml", CONFIG));
    repo.branch("fork", base);
    repo.checkout("fork");
    var forkCommit = repo.commit("not on main", TestRepo.files("apps/web/pwned.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: pwned}
        data: {from: fork}
        """));
    repo.checkout("main");
    repo.ref("refs/pull/1/head", forkCommit);
    // main's head cannot be planned (an invalid name), so the push fails and is retried
    repo.commit("broken", TestRepo.files("apps/web/config.yaml", CONFIG.replace("name: settings", "name: Not_Valid")));
    register("fork", ns.name(), "{automated: {prune: true}, retry: {limit: 3, backoff: {duration: 5s, factor: 2}}}");

    ReconcileResult push = run(ReconcileRequest.push("fork", forkCommit.getName()));
    assertThat(push.result()).isEqualTo(OperationResult.FAILED);
    assertThat(push.continueAfter()).as("a retry is due").isNotNull();
    ReconcileResult retry = run(ReconcileRequest.continuation("fork", push.operationId()));

    assertThat(retry.result()).isEqualTo(OperationResult.FAILED);
    assertThat(retry.message()).contains("Not_Valid");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("pwned").get()).isNull();
    assertThat(parts.status().history("fork", 10)).noneMatch(h -> forkCommit.getName().equals(h.revision()));
  }
}
