package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.apply.Action;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.health.HealthStatus;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's sync semantics through the whole pipeline: hooks named by generateName in a namespace the sync
 * creates, Helm hooks mapped as Argo CD maps them, and a sync that ends when its last wave is applied, with health
 * reported apart and waits for a wave's health bounded.
 */
@LocalAws
@LocalKubernetes
class SyncSemanticsIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private LocalDriftless local;
  private TestRepo repo;
  private Reconciler.Parts parts;

  @BeforeEach
  void wire(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    repo = local.repo;
    parts = local.parts();
  }

  @AfterEach
  void close() {
    local.close();
  }

  private void register(String name, String namespace, String policy) {
    parts.applications().put(local.application(name, namespace) + "  syncPolicy: " + policy + "\n", name, 0);
  }

  private ReconcileResult run(Reconciler reconciler, ReconcileRequest req) {
    return reconciler.reconcile(req, Instant.now().plus(Duration.ofMinutes(2)));
  }

  private ReconcileResult run(ReconcileRequest req) {
    return run(local.reconciler(), req);
  }

  private static String migrateJob(String annotations) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          generateName: migrate-
          annotations: {%s}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: registry.example/migrate:1}]
        """.formatted(annotations);
  }

  private static final String SETTINGS = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: blue}
      """;

  @Test
  void aHookJobWithGenerateNameRunsInTheNamespaceTheSyncCreatesAndTheNextSyncReplacesIt(TestNamespace ns) {
    String target = ns.name() + "-new";
    try {
      var first = repo.commit("first", TestRepo.files("apps/web/migrate.yaml",
          migrateJob("argocd.argoproj.io/hook: PreSync"), "apps/web/settings.yaml", SETTINGS));
      register("gen", target, "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}");

      ReconcileResult r1 = run(ReconcileRequest.push("gen", first.getName()));
      assertThat(r1.result()).as(r1.message()).isEqualTo(OperationResult.SUCCEEDED);
      List<Job> jobs = ns.client().batch().v1().jobs().inNamespace(target).list().getItems();
      assertThat(jobs).singleElement().satisfies(j -> {
        assertThat(j.getMetadata().getName()).startsWith("migrate-").endsWith("-presync");
        assertThat(j.getMetadata().getAnnotations()).containsEntry("driftless.dev/hook-generate-name", "migrate-")
            .containsEntry("driftless.dev/tracking-id",
                "gen:batch/Job:" + target + "/" + j.getMetadata().getName());
      });
      String firstJob = jobs.get(0).getMetadata().getName();
      assertThat(parts.status().get("gen").inventory().entries().keySet())
          .as("hooks are not tracked as the Application's objects").noneMatch(k -> k.kind().equals("Job"));

      var second = repo.commit("second", TestRepo.files("apps/web/settings.yaml", SETTINGS.replace("blue", "green")));
      ReconcileResult r2 = run(ReconcileRequest.push("gen", second.getName()));
      assertThat(r2.result()).as(r2.message()).isEqualTo(OperationResult.SUCCEEDED);
      // BeforeHookCreation, the default: the earlier operation's hook goes when the new one is created.
      ns.client().batch().v1().jobs().inNamespace(target).withName(firstJob)
          .waitUntilCondition(j -> j == null || j.getMetadata().getDeletionTimestamp() != null, BOUND.toSeconds(),
              TimeUnit.SECONDS);
      assertThat(ns.client().batch().v1().jobs().inNamespace(target).list().getItems())
          .anyMatch(j -> !j.getMetadata().getName().equals(firstJob) && j.getMetadata().getDeletionTimestamp() == null);
    } finally {
      ns.client().namespaces().withName(target).delete();
    }
  }

  @Test
  void aGenerateNameOnARegularObjectIsRefusedNamingIt(TestNamespace ns) {
    var c = repo.commit("bad", TestRepo.files("apps/web/settings.yaml",
        SETTINGS.replace("name: settings", "generateName: settings-")));
    register("gen-bad", ns.name(), "{automated: {prune: true}}");

    ReconcileResult r = run(ReconcileRequest.push("gen-bad", c.getName()));
    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).isEqualTo("ConfigMap settings- (apps/web/settings.yaml): metadata.name is required "
        + "(metadata.generateName is accepted on hooks only)");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).list().getItems())
        .noneMatch(cm -> cm.getMetadata().getName().startsWith("settings-"));
  }

  @Test
  void aHelmChartsPreInstallJobRunsFirstItsTestPodIsNeverCreatedAndTheNextScanFindsItInSync(TestNamespace ns) {
    var c = repo.commit("chart", TestRepo.files(
        "charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n",
        "charts/web/templates/settings.yaml", "apiVersion: v1\nkind: ConfigMap\n"
            + "metadata: {name: {{ .Release.Name }}-settings}\ndata: {mode: blue}\n",
        "charts/web/templates/migrate.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                helm.sh/hook: pre-install,pre-upgrade
                helm.sh/hook-weight: "-5"
                helm.sh/hook-delete-policy: before-hook-creation
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: registry.example/migrate:1}]
            """,
        "charts/web/templates/tests/test-connection.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}-test-{{ randAlphaNum 5 | lower }}
              annotations: {helm.sh/hook: test}
            spec:
              restartPolicy: Never
              containers: [{name: t, image: registry.example/test:1}]
            """));
    parts.applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: hooked, namespace: argocd}
        spec:
          project: default
          source: {repoURL: "%s", targetRevision: main, path: charts/web, helm: {releaseName: web}}
          destination: {name: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(repo.fileUrl(), ns.name()), "hooked", 0);

    ReconcileResult r = run(ReconcileRequest.push("hooked", c.getName()));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
    Job job = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("web-migrate").get();
    assertThat(job).as("the pre-install hook ran").isNotNull();
    Instant completed = job.getStatus().getConditions().stream().filter(x -> "Complete".equals(x.getType()))
        .map(x -> Instant.parse(x.getLastTransitionTime())).findFirst().orElseThrow();
    Instant settingsCreated = Instant.parse(ns.client().configMaps().inNamespace(ns.name()).withName("web-settings")
        .get().getMetadata().getCreationTimestamp());
    assertThat(completed).as("the PreSync Job completed before the chart's other objects were applied")
        .isBeforeOrEqualTo(settingsCreated);
    assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems())
        .noneMatch(p -> p.getMetadata().getName().startsWith("web-test-"));
    assertThat(parts.status().get("hooked").inventory().entries().keySet()).extracting(k -> k.name())
        .containsExactly("web-settings");

    ReconcileResult scan = run(ReconcileRequest.scan("hooked"));
    assertThat(scan.sync()).as(scan.message()).isEqualTo(SyncStatus.SYNCED);
    assertThat(scan.changes().changes()).allMatch(ch -> ch.action() == Action.UNCHANGED);
  }

  private static final String INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: front%s}
      spec:
        defaultBackend: {service: {name: web, port: {number: 80}}}
      """;

  @Test
  void aSyncEndsWhileAnIngressStaysProgressingAndTheNextSyncRuns(TestNamespace ns) {
    var first = repo.commit("first", TestRepo.files("apps/web/ingress.yaml", INGRESS.formatted(""),
        "apps/web/settings.yaml", SETTINGS));
    register("ing", ns.name(), "{automated: {prune: true}}");

    ReconcileResult r1 = run(ReconcileRequest.push("ing", first.getName()));
    assertThat(r1.result()).as(r1.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(r1.health()).as("health is reported apart from the sync").isEqualTo(HealthStatus.PROGRESSING);
    assertThat(r1.needsContinuation()).isFalse();
    assertThat(parts.status().get("ing").operation()).isNull();

    var second = repo.commit("second", TestRepo.files("apps/web/settings.yaml", SETTINGS.replace("blue", "green")));
    ReconcileResult r2 = run(ReconcileRequest.push("ing", second.getName()));
    assertThat(r2.result()).as(r2.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "green");
  }

  @Test
  void aDegradedObjectInAnEarlierWaveLeavesTheSyncSucceededAndTheApplicationDegraded(TestNamespace ns) {
    // A Job whose pod cannot be scheduled fails at its one-second deadline: Degraded, not Progressing.
    String failing = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: check, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
        spec:
          activeDeadlineSeconds: 1
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              nodeSelector: {driftless.dev/no-such-node: "true"}
              containers: [{name: c, image: registry.example/task:1}]
        """;
    var c = repo.commit("first", TestRepo.files("apps/web/check.yaml", failing, "apps/web/settings.yaml", SETTINGS));
    register("deg", ns.name(), "{automated: {prune: true}}");

    ReconcileResult r = run(ReconcileRequest.push("deg", c.getName()));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(r.health()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
  }

  @Test
  void aWaveStillProgressingAtTheSyncTimeoutFailsTheSyncNamingTheObjectAndAppliesNoLaterWave(TestNamespace ns) {
    var c = repo.commit("first", TestRepo.files("apps/web/ingress.yaml",
        INGRESS.formatted("").replace("{name: front}", "{name: front, annotations: {argocd.argoproj.io/sync-wave: \"-1\"}}"),
        "apps/web/settings.yaml", SETTINGS));
    register("slow", ns.name(), "{automated: {prune: true}}");
    Reconciler bounded = new Reconciler(parts, Wiring.options(local.settings).withHealthPoll(Duration.ofMillis(200))
        .withSyncTimeout(Duration.ofSeconds(2)), Clock.systemUTC());

    ReconcileResult r = run(bounded, ReconcileRequest.push("slow", c.getName()));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).isEqualTo("sync timed out waiting for healthy state of Ingress.networking.k8s.io "
        + ns.name() + "/front (Waiting for the ingress controller to publish a load balancer address)");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
    assertThat(parts.status().get("slow").operation()).as("no continuation holds later syncs")
        .matches(op -> op == null || op.step() == null);
  }
}
