package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.model.Application;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's one call to feedback (commit statuses): each sync's end reaches the event sink's
 * {@link EventSink#syncEnded} once, after it is recorded, with the commit it fetched (a broken one too); a plan
 * does not.
 */
@LocalAws
@LocalKubernetes
class SyncEndedIT {

  private record Ended(String app, String commit, ReconcileResult result) {}

  @TempDir Path tmp;
  private final List<Ended> ended = new CopyOnWriteArrayList<>();
  private LocalDriftless local;

  @BeforeEach
  void wire(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, new EventSink() {
      @Override
      public void emit(String detailType, Map<String, Object> detail) {}

      @Override
      public void syncEnded(Application app, String commit, ReconcileResult result) {
        ended.add(new Ended(app.name(), commit, result));
      }
    }).withClusters(clusters, "c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private ReconcileResult run(ReconcileRequest req) {
    return local.reconciler().reconcile(req, Instant.now().plus(Duration.ofMinutes(2)));
  }

  @Test
  void aSyncedPushAndABrokenPushEachEndOnceWithTheirCommitAndAScanThatPlansEndsNone(TestNamespace ns) {
    var good = local.repo.commit("good", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("web", ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", "web", 0);

    ReconcileResult synced = run(ReconcileRequest.push("web", good.getName()));
    assertThat(synced.result()).as(synced.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(ended).singleElement().satisfies(e -> {
      assertThat(e.app()).isEqualTo("web");
      assertThat(e.result().result()).isEqualTo(OperationResult.SUCCEEDED);
      assertThat(e.commit()).isEqualTo(good.getName());
    });

    ended.clear();
    run(ReconcileRequest.scan("web"));
    assertThat(ended).as("a scan that finds the commit synced plans only").isEmpty();

    var broken = local.repo.commit("broken", TestRepo.files("apps/web/config.yaml", "kind: [unclosed"));
    ReconcileResult failed = run(ReconcileRequest.push("web", broken.getName()));
    assertThat(failed.result()).isEqualTo(OperationResult.FAILED);
    assertThat(ended).singleElement().satisfies(e -> {
      assertThat(e.result().result()).isEqualTo(OperationResult.FAILED);
      assertThat(e.commit()).isEqualTo(broken.getName());
      assertThat(e.result().message()).contains("config.yaml");
    });
  }
}
