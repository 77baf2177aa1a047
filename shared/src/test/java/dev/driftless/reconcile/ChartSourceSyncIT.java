package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.ChartRepositoryServer;
import dev.driftless.fixture.LocalDriftless;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Argo CD Application of a chart from a real chart repository (Basic authentication, credential from the local
 * Secrets Manager) synced to the local control plane: the chart's version is the revision status and history
 * record, a newer version in range is synced by the next sync, and a rollback deploys the earlier version.
 */
@LocalAws
@LocalKubernetes
class ChartSourceSyncIT {

  private static final String USER = "reader";
  private static final String PASSWORD = "chart-sync-pw-" + UUID.randomUUID();
  private static final TestTools TOOLS = TestTools.load();

  @TempDir Path tmp;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private LocalDriftless local;
  private ChartRepositoryServer server;
  private Path repoDir;
  private Path chart;

  @BeforeEach
  void start(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> events.add(type + " " + detail)).withClusters(clusters, "c1");
    repoDir = Files.createDirectories(tmp.resolve("www/charts"));
    chart = ChartRepositoryServer.writeChart(tmp.resolve("src/greeter"), "greeter");
    ChartRepositoryServer.packageChart(TOOLS, chart, "1.0.0", repoDir);
    ChartRepositoryServer.packageChart(TOOLS, chart, "1.2.0", repoDir);
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    server = new ChartRepositoryServer(tmp.resolve("www"), USER, PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
    local.close();
  }

  private void register(String namespace) {
    String secret = "driftless/git/charts-" + UUID.randomUUID();
    local.secretsManager.createSecret(r -> r.name(secret).secretString("{\"username\":\"" + USER
        + "\",\"password\":\"" + PASSWORD + "\",\"urls\":[\"" + server.url("localhost", "charts") + "\"]}"));
    local.parts().applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: greeter}
        spec:
          project: default
          source:
            repoURL: %s
            chart: greeter
            targetRevision: ">=1.0.0 <2.0.0"
            credentials: %s
            helm:
              releaseName: hello
              valuesObject: {greeting: hi}
          destination: {name: c1, namespace: %s}
        """.formatted(server.url("localhost", "charts"), secret, namespace), "greeter", 0);
  }

  private ReconcileResult run(ReconcileRequest req) {
    return local.reconciler().reconcile(req, Instant.now().plus(Duration.ofMinutes(2)));
  }

  private String deployedVersion(TestNamespace ns) {
    return ns.client().configMaps().inNamespace(ns.name()).withName("hello-config").get().getData()
        .get("chartVersion");
  }

  @Test
  void theChartVersionIsTheRevisionSyncedRecordedAndRolledBackTo(TestNamespace ns) {
    register(ns.name());

    ReconcileResult first = run(ReconcileRequest.manual("greeter"));
    assertThat(first.result()).as(first.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(deployedVersion(ns)).isEqualTo("1.2.0");
    assertThat(local.parts().status().get("greeter").revision()).isEqualTo("1.2.0");
    HistoryEntry entry = local.parts().status().history("greeter", 10).get(0);
    assertThat(entry.revision()).isEqualTo("1.2.0");
    assertThat(entry.commitMessage()).startsWith("chart greeter 1.2.0 (sha256:");

    ChartRepositoryServer.packageChart(TOOLS, chart, "1.3.0", repoDir);
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    ReconcileResult scan = run(ReconcileRequest.scan("greeter"));
    assertThat(scan.result()).as(scan.message()).isNotEqualTo(OperationResult.FAILED);
    ReconcileResult second = run(ReconcileRequest.manual("greeter"));
    assertThat(second.result()).as(second.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(deployedVersion(ns)).isEqualTo("1.3.0");

    ReconcileResult back = run(ReconcileRequest.rollback("greeter", entry.id()));
    assertThat(back.result()).as(back.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(deployedVersion(ns)).isEqualTo("1.2.0");
    assertThat(local.parts().status().get("greeter").revision()).isEqualTo("1.2.0");

    assertThat(local.parts().status().history("greeter", 10)).allSatisfy(h ->
        assertThat(h.toString()).doesNotContain(PASSWORD));
    assertThat(String.join("\n", events)).doesNotContain(PASSWORD);
    assertThat(server.requests).filteredOn(r -> r.host().startsWith("127.0.0.1")).isEmpty();
  }
}
