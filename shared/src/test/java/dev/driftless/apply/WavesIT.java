package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.health.HealthWaiter;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import dev.driftless.testkit.TestNamespace;
import dev.driftless.testkit.LocalKubernetes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@LocalKubernetes
class WavesIT {

  private static final String WAVES = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: db
        annotations: {argocd.argoproj.io/sync-wave: "-1"}
      spec:
        replicas: 2
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            nodeSelector: {driftless.dev/waves-it: NAMESPACE}
            containers: [{name: db, image: registry.example/db:1}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: after-db
        annotations: {driftless.dev/sync-wave: "1"}
      data: {ready: "yes"}
      """;

  private SyncRun.Result run(TestNamespace ns, Application app, Inventory prev, Instant deadline, SyncStep from) {
    Cluster cluster = Cluster.of("c1", ns.client());
    HealthWaiter waiter = new HealthWaiter(ns.client(), Clock.systemUTC(),
        HealthWaiter.Options.defaults().withPollInterval(Duration.ofMillis(200)));
    Plan plan = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app,
        Manifests.parse(WAVES.replace("NAMESPACE", ns.name())), prev);
    SyncRun sync = new SyncRun(new Applier(cluster, ApplyOptions.DEFAULTS, waiter, new HealthGate(waiter, deadline),
        InventoryJournal.NONE), new HookRunner(cluster, ApplyOptions.DEFAULTS, waiter), waiter);
    return sync.run(plan, prev, from, deadline, "op-waves");
  }

  @Test
  void aLaterWaveWaitsForTheEarlierWaveToBeHealthyAndAContinuedSyncFinishesIt(TestNamespace ns) {
    Application app = Manifests.app("waves", ns.name());
    // Wave -1's pods can only run on a node labelled for this test, and none is yet: it stays Progressing.
    // The deadline is already reached: wave -1 is applied, wave 1 waits.
    SyncRun.Result first = run(ns, app, Inventory.EMPTY, Instant.now(), SyncStep.PRE_SYNC);
    assertThat(first.status()).isEqualTo(HookRunner.Status.RUNNING);
    assertThat(first.reached()).isEqualTo(SyncStep.APPLY);
    assertThat(first.changes().find(new ObjectKey("", "ConfigMap", ns.name(), "after-db")).orElseThrow().outcome())
        .isEqualTo(Outcome.SKIPPED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("after-db").get()).isNull();
    assertThat(first.inventory().entries().keySet()).extracting(ObjectKey::name).containsExactly("db");

    // A node becomes available; the continued operation re-plans, finds wave -1 applied, waits for it to be
    // healthy, applies wave 1 and ends.
    String node = ns.client().nodes().list().getItems().get(0).getMetadata().getName();
    ns.client().nodes().withName(node).edit(n -> {
      n.getMetadata().getLabels().put("driftless.dev/waves-it", ns.name());
      return n;
    });
    SyncRun.Result second;
    try {
      second = run(ns, app, first.inventory(), Instant.now().plus(Duration.ofSeconds(60)), SyncStep.APPLY);
    } finally {
      ns.client().nodes().withName(node).edit(n -> {
        n.getMetadata().getLabels().remove("driftless.dev/waves-it");
        return n;
      });
    }
    assertThat(second.status()).as(second.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    // The sync ends with its last wave applied; its health is the caller's to assess, apart.
    assertThat(second.health()).isNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("after-db").get()).isNotNull();
    assertThat(second.inventory().entries()).hasSize(2);
  }
}
