package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.model.SyncStep;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AppStatus;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operation saved to be continued (a sync that pruned and waits for health, a wave held back, a retry) ends in
 * history whatever comes in between. Before, an audit event (the garbage collector finishing a pruned Deployment's
 * foreground deletion is a write to a tracked object) started a new operation over it: the saved one never got a
 * history entry, its continuation found nothing to continue, and meanwhile {@code app get} showed the older revision
 * with the audit's operation running. Against moto, a real Git repository and the local API server.
 */
@LocalAws
@LocalKubernetes
class SavedOperationIT {

  @TempDir Path tmp;
  private LocalDriftless local;
  private Reconciler reconciler;
  private Operation saved;
  private RevCommit second;

  @BeforeEach
  void start(LocalClusters clusters, TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    local.repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("web", ns.name()) + "  syncPolicy: {automated: {prune: true}}\n",
        "web", 0);
    reconciler = local.reconciler();
    assertThat(reconciler.reconcile(ReconcileRequest.manual("web"), deadline()).result())
        .isEqualTo(OperationResult.SUCCEEDED);
    second = local.repo.commit("second", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green")));
    // What a push's pass leaves when it stops at its deadline in the health step: saved, no pass running.
    saved = Operation.start("op-push", Trigger.PUSH, null, Instant.now()).pinnedTo(second.getName())
        .at(SyncStep.HEALTH);
    AppStatus st = local.parts().status().get("web");
    local.parts().status().put("c1", st.ended(st.sync(), st.health(), saved, OperationResult.RUNNING,
        "1 object(s) still progressing", Instant.now()));
  }

  @AfterEach
  void close() {
    local.close();
  }

  private static Instant deadline() {
    return Instant.now().plus(Duration.ofMinutes(5));
  }

  @Test
  void anAuditEventLeavesAnOperationWaitingForItsContinuationWhichThenRecordsItsEnd() {
    ReconcileResult audit = reconciler.reconcile(new ReconcileRequest("web", Trigger.AUDIT, null, null,
        "audit c1 alice update configmaps settings"), deadline());
    assertThat(audit.result()).isEqualTo(OperationResult.SKIPPED);
    assertThat(audit.message()).isEqualTo("operation op-push (push) is in flight, at step HEALTH: it records its own "
        + "end");
    assertThat(local.parts().status().get("web").operation()).isEqualTo(saved);

    ReconcileResult continued = reconciler.reconcile(ReconcileRequest.continuation("web", "op-push"), deadline());
    assertThat(continued.result()).as(continued.message()).isEqualTo(OperationResult.SUCCEEDED);
    AppStatus after = local.parts().status().get("web");
    assertThat(after.operation()).isNull();
    assertThat(after.revision()).isEqualTo(second.getName());
    assertThat(local.parts().status().history("web", 10)).filteredOn(h -> h.id().equals("op-push")).singleElement()
        .satisfies(h -> {
          assertThat(h.result()).isEqualTo(OperationResult.SUCCEEDED);
          assertThat(h.revision()).isEqualTo(second.getName());
        });
  }

  @Test
  void aManualSyncReplacingAWaitingOperationRecordsItAsSuperseded() {
    ReconcileResult manual = reconciler.reconcile(ReconcileRequest.manual("web"), deadline());
    assertThat(manual.result()).as(manual.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(local.parts().status().history("web", 10)).filteredOn(h -> h.id().equals("op-push")).singleElement()
        .satisfies(h -> {
          assertThat(h.result()).isEqualTo(OperationResult.SUPERSEDED);
          assertThat(h.trigger()).isEqualTo(Trigger.PUSH);
          assertThat(h.revision()).isEqualTo(second.getName());
          assertThat(h.message()).isEqualTo("superseded by a manual operation while it waited at step HEALTH");
        });
    assertThat(local.parts().status().history("web", 10)).extracting(HistoryEntry::trigger)
        .containsExactly(Trigger.MANUAL, Trigger.PUSH, Trigger.MANUAL);
    assertThat(reconciler.reconcile(ReconcileRequest.continuation("web", "op-push"), deadline()).result())
        .isEqualTo(OperationResult.SKIPPED);
  }
}
