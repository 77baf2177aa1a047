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
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.Resource;
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
 * tracking annotation names another Application stays; nothing happens while an operation holds the lease, nor
 * before its PreDelete hooks have succeeded. Against
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

  @Test
  void aPreDeleteJobRunsToCompletionBeforeTheObjectsGoAndASyncNeverRunsIt() {
    commitAndSync(preDeleteJob("drain", false));
    assertThat(job("drain").get()).as("run by a sync").isNull();

    local.reconciler().cascadeDelete().delete("web", inMinutes());

    assertThat(job("drain").get().getStatus().getSucceeded()).isEqualTo(1);
    assertThat(local.parts().applications().get("web")).isEmpty();
    ns.client().configMaps().inNamespace(ns.name()).withName("settings")
        .waitUntilCondition(cm -> cm == null, 60, TimeUnit.SECONDS);
  }

  @Test
  void aFailedPreDeleteHookBlocksTheDeletionNamingTheHook() {
    commitAndSync(preDeleteJob("drain", true));

    assertThatThrownBy(() -> local.reconciler().cascadeDelete().delete("web", inMinutes()))
        .isInstanceOf(PreDeleteHookException.class)
        .hasMessageStartingWith("application web: PreDelete hook ")
        .hasMessageContaining(ns.name() + "/drain")
        .hasMessageContaining("nothing was deleted and the application stays registered");

    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
    assertThat(local.parts().applications().get("web")).isPresent();
    assertThat(local.parts().status().get("web").inventory().isEmpty()).isFalse();
  }

  @Test
  void aPreDeleteHookStillRunningAtTheDeadlineDeletesNothing() {
    commitAndSync(preDeleteJob("drain", false).replace("      restartPolicy: Never\n",
        "      restartPolicy: Never\n      nodeSelector: {driftless.dev/no-such-node: \"true\"}\n"));

    assertThatThrownBy(() -> local.reconciler().cascadeDelete().delete("web", Instant.now().plusSeconds(3)))
        .isInstanceOf(PreDeleteHookException.class).hasMessageContaining("still running at the deadline");

    assertThat(job("drain").get()).isNotNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
    assertThat(local.parts().applications().get("web")).isPresent();
  }

  @Test
  void aPreDeleteHookOutsideTheApplicationsProjectIsRefusedAndNothingIsCreatedOrDeleted() {
    commitAndSync(preDeleteJob("drain", false).replace("  name: drain\n", "  name: drain\n  namespace: kube-system\n"));
    local.parts().projects().store().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team}
        spec:
          sourceRepos: ['*']
          destinations: [{name: c1, namespace: %s}]
        """.formatted(ns.name()), "team", 0);
    long version = local.parts().applications().get("web").orElseThrow().version();
    local.parts().applications().put(local.application("web", ns.name()).replace("spec:\n", "spec:\n  project: team\n"),
        "web", version);

    assertThatThrownBy(() -> local.reconciler().cascadeDelete().delete("web", inMinutes()))
        .hasMessageContaining("kube-system");

    assertThat(ns.client().batch().v1().jobs().inNamespace("kube-system").withName("drain").get()).isNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
    assertThat(local.parts().applications().get("web")).isPresent();
  }

  @Test
  void anApplicationWhosePathLeftTheRepositoryHasNoPreDeleteHookToRunAndIsDeleted() {
    local.repo.commit("web leaves", TestRepo.files("apps/web/config.yaml", null, "apps/web/extra.yaml", null));

    local.reconciler().cascadeDelete().delete("web", inMinutes());

    assertThat(local.parts().applications().get("web")).isEmpty();
    ns.client().configMaps().inNamespace(ns.name()).withName("settings")
        .waitUntilCondition(cm -> cm == null, 60, TimeUnit.SECONDS);
  }

  /** A PreDelete Job; a failing one cannot be scheduled and gives up after a second. */
  private static String preDeleteJob(String name, boolean fails) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
          annotations: {argocd.argoproj.io/hook: PreDelete}
        spec:
        %s  backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
        %s      containers: [{name: c, image: registry.example/task:1}]
        """.formatted(name, fails ? "  activeDeadlineSeconds: 1\n" : "",
        fails ? "      nodeSelector: {driftless.dev/no-such-node: \"true\"}\n" : "");
  }

  private void commitAndSync(String hook) {
    local.repo.commit("a PreDelete hook", TestRepo.files("apps/web/predelete.yaml", hook));
    ReconcileResult r = local.reconciler().reconcile(ReconcileRequest.manual("web"),
        Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
  }

  private Resource<Job> job(String name) {
    return ns.client().batch().v1().jobs().inNamespace(ns.name()).withName(name);
  }

  private static Instant inMinutes() {
    return Instant.now().plus(Duration.ofMinutes(2));
  }
}
