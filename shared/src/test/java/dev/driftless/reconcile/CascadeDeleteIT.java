package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.apply.Action;
import dev.driftless.apply.Annotations;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.source.TestRepo;
import dev.driftless.state.ConflictException;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Application deleted with cascade: its objects go, then its registration; an object its inventory lists but whose
 * tracking annotation names another Application stays; nothing happens while an operation holds the lease. Against
 * moto, a real Git repository and the local API server.
 */
@LocalAws
@LocalKubernetes
class CascadeDeleteIT {

  private static final String EXTRA = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n";

  @TempDir Path tmp;
  private LocalDriftless local;
  private TestNamespace ns;

  @BeforeEach
  void start(LocalClusters clusters, TestNamespace namespace) {
    ns = namespace;
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    local.repo.commit("two", TestRepo.files("apps/web/config.yaml", CONFIG, "apps/web/extra.yaml", EXTRA));
    local.parts().applications().put(local.application("web", ns.name()), "web", 0);
    ReconcileResult r = local.reconciler().reconcile(ReconcileRequest.manual("web"),
        Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
  }

  @AfterEach
  void close() {
    local.close();
  }

  @Test
  void itsObjectsAreDeletedThenItsRegistrationButAnObjectTrackedByAnotherApplicationStays() {
    ns.client().configMaps().inNamespace(ns.name()).withName("extra").edit(cm -> {
      cm.getMetadata().getAnnotations().put(Annotations.TRACKING_ID,
          "other:/ConfigMap:" + ns.name() + "/extra");
      return cm;
    });

    CascadeDelete.Result r = local.reconciler().cascadeDelete().delete("web", inMinutes());

    assertThat(r.changes().count(Action.PRUNE)).isEqualTo(1);
    ns.client().configMaps().inNamespace(ns.name()).withName("settings")
        .waitUntilCondition(cm -> cm == null, 60, TimeUnit.SECONDS);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("extra").get()).as("another's").isNotNull();
    assertThat(local.parts().applications().get("web")).isEmpty();
    assertThat(local.parts().status().get("web").inventory().isEmpty()).isTrue();
  }

  @Test
  void nothingIsDeletedWhileAnOperationHoldsTheLease() {
    local.parts().leases().acquire("web", "op-running/pass", Duration.ofMinutes(1));

    assertThatThrownBy(() -> local.reconciler().cascadeDelete().delete("web", inMinutes())).isInstanceOf(ConflictException.class);

    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
    assertThat(local.parts().applications().get("web")).isPresent();
  }

  private static Instant inMinutes() {
    return Instant.now().plus(Duration.ofMinutes(2));
  }
}
