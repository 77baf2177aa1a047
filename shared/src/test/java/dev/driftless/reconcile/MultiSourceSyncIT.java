package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.ChartRepositoryServer;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import dev.driftless.testkit.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Argo CD Application of three sources synced to the local control plane: a chart from a real chart repository
 * whose value file comes from a Git repository given by {@code ref: values}, and plain manifests from a path of the
 * same Git repository. Status and history record each source's revision; a push to the Git repository syncs the
 * new values; a rollback deploys every source as it was.
 */
@LocalAws
@LocalKubernetes
class MultiSourceSyncIT {

  private static final TestTools TOOLS = TestTools.load();

  @TempDir Path tmp;
  private LocalDriftless local;
  private ChartRepositoryServer charts;
  private TestRepo repo;

  @BeforeEach
  void start(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    repo = local.repo;
    Path repoDir = Files.createDirectories(tmp.resolve("www/charts"));
    Path chart = ChartRepositoryServer.writeChart(tmp.resolve("src/greeter"), "greeter");
    ChartRepositoryServer.packageChart(TOOLS, chart, "1.2.0", repoDir);
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    charts = new ChartRepositoryServer(tmp.resolve("www"), null, null);
  }

  @AfterEach
  void stop() {
    charts.close();
    local.close();
  }

  private void register(String namespace) {
    local.parts().applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: greeter}
        spec:
          project: default
          sources:
          - repoURL: %s
            chart: greeter
            targetRevision: 1.2.0
            helm:
              releaseName: hello
              valueFiles: [$values/env/values.yaml]
          - repoURL: "%s"
            targetRevision: main
            ref: values
          - repoURL: "%s"
            targetRevision: main
            path: apps/extra
          destination: {name: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(charts.url("127.0.0.1", "charts"), repo.fileUrl(), repo.fileUrl(), namespace), "greeter", 0);
  }

  private ReconcileResult run(ReconcileRequest req) {
    return local.reconciler().reconcile(req, Instant.now().plus(Duration.ofMinutes(2)));
  }

  private static Map<String, String> data(TestNamespace ns, String name) {
    return ns.client().configMaps().inNamespace(ns.name()).withName(name).get().getData();
  }

  private static Map<String, String> files(String greeting, String extra) {
    return TestRepo.files("env/values.yaml", "greeting: " + greeting + "\n", "apps/extra/extra.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: extra}
        data: {note: "%s"}
        """.formatted(extra));
  }

  @Test
  void everySourceIsRenderedItsRevisionRecordedAndAPushOrRollbackMovesThemTogether(TestNamespace ns) {
    RevCommit first = repo.commit("first values", files("from-git", "one"));
    register(ns.name());

    ReconcileResult synced = run(ReconcileRequest.manual("greeter"));
    assertThat(synced.result()).as(synced.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(data(ns, "hello-config")).containsEntry("greeting", "from-git").containsEntry("chartVersion", "1.2.0");
    assertThat(data(ns, "extra")).containsEntry("note", "one");
    String revisions = "1.2.0 " + first.getName() + " " + first.getName();
    assertThat(local.parts().status().get("greeter").revision()).isEqualTo(revisions);
    HistoryEntry entry = local.parts().status().history("greeter", 10).get(0);
    assertThat(entry.revision()).isEqualTo(revisions);

    RevCommit second = repo.commit("second values", files("pushed", "two"));
    ReconcileResult pushed = run(ReconcileRequest.push("greeter", second.getName()));
    assertThat(pushed.result()).as(pushed.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(data(ns, "hello-config")).containsEntry("greeting", "pushed");
    assertThat(data(ns, "extra")).containsEntry("note", "two");
    assertThat(local.parts().status().get("greeter").revision())
        .isEqualTo("1.2.0 " + second.getName() + " " + second.getName());

    ReconcileResult back = run(ReconcileRequest.rollback("greeter", entry.id()));
    assertThat(back.result()).as(back.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(data(ns, "hello-config")).containsEntry("greeting", "from-git");
    assertThat(data(ns, "extra")).containsEntry("note", "one");
    assertThat(local.parts().status().get("greeter").revision()).isEqualTo(revisions);
  }

  @Test
  void aSourceThatCannotBeFetchedFailsTheOperationNamingWhichSourceItIs(TestNamespace ns) {
    repo.commit("values", files("from-git", "one"));
    local.parts().applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: broken}
        spec:
          sources:
          - {repoURL: "%s", targetRevision: main, path: apps/extra}
          - {repoURL: "%s", chart: greeter, targetRevision: 9.9.9}
          destination: {name: c1, namespace: %s}
        """.formatted(repo.fileUrl(), charts.url("127.0.0.1", "charts"), ns.name()), "broken", 0);

    ReconcileResult r = run(ReconcileRequest.manual("broken"));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).contains("spec.sources[1]: chart repository " + charts.url("127.0.0.1", "charts")
        + ": chart greeter: no version of greeter in range 9.9.9");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("extra").get()).as("nothing applied")
        .isNull();
  }
}
