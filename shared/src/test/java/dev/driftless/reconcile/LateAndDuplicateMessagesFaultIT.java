package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: SQS delivers at least once and delayed messages arrive late. A message delivered twice has one
 * effect; a continuation that arrives after a newer push finished does nothing. Against the real local API
 * server and moto.
 */
@LocalAws
@LocalKubernetes
class LateAndDuplicateMessagesFaultIT {

  @TempDir Path tmp;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private LocalDriftless local;

  @BeforeEach
  void start(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> events.add(type)).withClusters(clusters, "c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private void register(String name, TestNamespace ns) {
    local.parts().applications().put(local.application(name, ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", name, 0);
  }

  private ReconcileResult run(Reconciler r, ReconcileRequest req, Instant deadline) {
    return r.reconcile(req, deadline);
  }

  @Test
  void aPushDeliveredTwiceWritesOnce(TestNamespace ns) {
    var c = local.repo.commit("blue", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("twice", ns);
    ReconcileRequest push = ReconcileRequest.push("twice", c.getName());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));

    ReconcileResult first = run(local.reconciler(), push, deadline);
    String written = ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getMetadata()
        .getResourceVersion();
    ReconcileResult again = run(local.reconciler(), push, deadline);

    assertThat(first.result()).as(first.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(again.result()).as(again.message()).isIn(OperationResult.SUCCEEDED, OperationResult.SKIPPED);
    assertThat(again.changes().inSync()).as("the second delivery changes nothing").isTrue();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getMetadata()
        .getResourceVersion()).as("written once").isEqualTo(written);
    assertThat(events).filteredOn("Sync Succeeded"::equals).hasSize(1);
  }

  @Test
  void aContinuationArrivingAfterANewerPushFinishedDoesNothing(TestNamespace ns) {
    // The first commit's Deployment cannot become ready (no node matches) and its PostSync hook waits for it, so its
    // operation is saved to continue.
    String stuck = DEPLOY.replace("spec: {containers:", "spec: {nodeSelector: {driftless.dev/late: \"no\"}, containers:");
    var old = local.repo.commit("stuck", TestRepo.files("apps/web/deploy.yaml", stuck, "apps/web/notify.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: notify, annotations: {argocd.argoproj.io/hook: PostSync}}
        data: {ran: "yes"}
        """));
    register("late", ns);
    Reconciler hasty = new Reconciler(local.parts(), Wiring.options(local.settings).withDeadlineMargin(Duration.ZERO),
        Clock.systemUTC());
    ReconcileResult saved = run(hasty, ReconcileRequest.push("late", old.getName()), Instant.now());
    assertThat(saved.result()).as(saved.message()).isEqualTo(OperationResult.RUNNING);

    var newer = local.repo.commit("fixed", TestRepo.files("apps/web/deploy.yaml", null,
        "apps/web/config.yaml", CONFIG));
    ReconcileResult push = run(local.reconciler(), ReconcileRequest.push("late", newer.getName()),
        Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(push.result()).as(push.message()).isEqualTo(OperationResult.SUCCEEDED);

    ReconcileResult lateContinuation = run(local.reconciler(),
        ReconcileRequest.continuation("late", saved.operationId()), Instant.now().plus(Duration.ofMinutes(2)));

    assertThat(lateContinuation.result()).as(lateContinuation.message()).isEqualTo(OperationResult.SKIPPED);
    assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("web").get())
        .as("the older commit's Deployment is not brought back").isNull();
    assertThat(local.parts().status().get("late").revision()).isEqualTo(newer.getName());
    assertThat(local.parts().status().history("late", 10)).as("no entry claims the older commit was synced")
        .noneMatch(h -> old.getName().equals(h.revision()) && h.result() == OperationResult.SUCCEEDED);
  }
}
