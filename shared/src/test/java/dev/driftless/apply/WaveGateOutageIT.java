package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.TcpRelay;
import dev.driftless.health.HealthWaiter;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wave gate against a real API server reached through a TCP relay that the test stops and starts: an outage
 * right after wave 0 is real network failure. Wave 0 is a Deployment that cannot become available (its pods
 * may only run on a node no node matches); wave 1 is a ConfigMap that must not be applied before it.
 */
@LocalKubernetes
class WaveGateOutageIT {

  private static final String WAVES = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: db
        annotations: {argocd.argoproj.io/sync-wave: "0"}
      spec:
        replicas: 1
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            nodeSelector: {driftless.dev/no-such-node: "true"}
            containers: [{name: db, image: registry.example/db:1}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: after-db
        annotations: {argocd.argoproj.io/sync-wave: "1"}
      data: {ready: "yes"}
      """;

  private TcpRelay relay;
  private KubernetesClient relayed;

  @BeforeEach
  void relay(LocalClusters clusters) throws Exception {
    Config direct = Config.fromKubeconfig(Files.readString(clusters.kubeconfig("c1")));
    relay = TcpRelay.to(direct.getMasterUrl());
    // No request retries: a failed read comes back at once, and the wait's own polling is what is tested.
    Config config = Config.fromKubeconfig(Files.readString(clusters.kubeconfig("c1")));
    config.setMasterUrl(relay.url());
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(2_000);
    config.setRequestTimeout(5_000);
    relayed = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterEach
  void close() {
    relayed.close();
    relay.close();
  }

  private SyncRun sync(Cluster cluster, Applier.StageGate gate) {
    HealthWaiter waiter = waiter(cluster);
    return new SyncRun(new Applier(cluster, ApplyOptions.DEFAULTS, waiter, gate, InventoryJournal.NONE),
        new HookRunner(cluster, ApplyOptions.DEFAULTS, waiter), waiter);
  }

  private static HealthWaiter waiter(Cluster cluster) {
    return new HealthWaiter(cluster.client(), Clock.systemUTC(),
        HealthWaiter.Options.defaults().withPollInterval(Duration.ofMillis(200)));
  }

  private static Instant inSeconds(int seconds) {
    return Instant.now().plus(Duration.ofSeconds(seconds));
  }

  private Plan plan(Cluster cluster, Application app, Inventory previous) {
    return new Planner(cluster, ApplyOptions.DEFAULTS).plan(app, Manifests.parse(WAVES), previous);
  }

  private static boolean configMapExists(TestNamespace ns) {
    return ns.client().configMaps().inNamespace(ns.name()).withName("after-db").get() != null;
  }

  @Test
  void anOutageRightAfterWaveZeroHoldsTheGateAndTheRunContinuesLaterNamingTheCause(TestNamespace ns) {
    Application app = Manifests.app("outage", ns.name());
    Cluster cluster = Cluster.of("c1", relayed);
    Instant deadline = inSeconds(3);
    HealthGate health = new HealthGate(waiter(cluster), deadline);
    // The server goes away once wave 0 is applied and comes back when the gate has answered: a gate that took
    // an unreadable Deployment for done would let wave 1 through the restored connection.
    Applier.StageGate outage = stage -> {
      relay.stop();
      try {
        return health.afterStage(stage);
      } finally {
        relay.start();
      }
    };

    SyncRun.Result r = sync(cluster, outage).run(plan(cluster, app, Inventory.EMPTY), Inventory.EMPTY,
        SyncStep.APPLY, deadline, "op-outage");

    assertThat(r.status()).as(r.message()).isEqualTo(HookRunner.Status.RUNNING);
    assertThat(r.reached()).isEqualTo(SyncStep.APPLY);
    assertThat(r.message()).startsWith("cluster unreachable: ").containsPattern("cluster unreachable: \\w+(Exception|Error)");
    assertThat(r.changes().find(new ObjectKey("", "ConfigMap", ns.name(), "after-db")).orElseThrow())
        .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.SKIPPED))
        .satisfies(c -> assertThat(c.message()).startsWith("waiting: cluster unreachable: "));
    assertThat(configMapExists(ns)).as("wave 1 applied").isFalse();
  }

  @Test
  void aContinuedRunWaitsForAnUnchangedEarlierWaveThatIsStillProgressing(TestNamespace ns) {
    Application app = Manifests.app("continued", ns.name());
    Cluster cluster = Cluster.of("c1", relayed);
    // The first invocation applies wave 0 with no time left to wait: it is saved at APPLY.
    Instant now = Instant.now();
    SyncRun.Result first = sync(cluster, new HealthGate(waiter(cluster), now))
        .run(plan(cluster, app, Inventory.EMPTY), Inventory.EMPTY, SyncStep.APPLY, now, "op-continued");
    assertThat(first.status()).as(first.message()).isEqualTo(HookRunner.Status.RUNNING);

    // The server is back; the continuation finds wave 0 unchanged but its Deployment still unavailable.
    Instant deadline = inSeconds(2);
    SyncRun.Result second = sync(cluster, new HealthGate(waiter(cluster), deadline))
        .run(plan(cluster, app, first.inventory()), first.inventory(), SyncStep.APPLY, deadline, "op-continued");

    assertThat(second.status()).as(second.message()).isEqualTo(HookRunner.Status.RUNNING);
    assertThat(second.message()).startsWith("waiting for healthy state of ");
    assertThat(second.changes().find(new ObjectKey("apps", "Deployment", ns.name(), "db")).orElseThrow().outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(configMapExists(ns)).as("wave 1 applied").isFalse();
  }

  @Test
  void anApplyThatCannotReachTheServerFailsAsClusterUnreachableNotAsRejected(TestNamespace ns) {
    Application app = Manifests.app("apply-outage", ns.name());
    Cluster cluster = Cluster.of("c1", relayed);
    Plan plan = plan(cluster, app, Inventory.EMPTY);
    relay.stop();

    Applier.Result r = new Applier(cluster, ApplyOptions.DEFAULTS, waiter(cluster)).apply(plan, Inventory.EMPTY,
        inSeconds(2));

    Change db = r.changes().find(new ObjectKey("apps", "Deployment", ns.name(), "db")).orElseThrow();
    assertThat(db.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(db.message()).startsWith("cluster unreachable: ").containsPattern("cluster unreachable: \\w+(Exception|Error)")
        .doesNotContain("apply rejected");
  }
}
