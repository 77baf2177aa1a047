package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.SyncStep;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LocalKubernetes
class HooksIT {

  private static final String APP_OBJECTS = Manifests.SETTINGS;

  private static String job(String name, String phase, String policy, boolean fails) {
    String deadline = fails ? "  activeDeadlineSeconds: 1\n" : "";
    String unschedulable = fails ? "      nodeSelector: {driftless.dev/no-such-node: \"true\"}\n" : "";
    return """
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
          annotations: {argocd.argoproj.io/hook: %s%s}
        spec:
        %s  backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
        %s      containers: [{name: c, image: registry.example/task:1}]
        """.formatted(name, phase, policy == null ? "" : ", argocd.argoproj.io/hook-delete-policy: " + policy, deadline,
            unschedulable);
  }

  private static String marker(String name, String phase) {
    return """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          annotations: {driftless.dev/hook: %s}
        data: {ran: "yes"}
        """.formatted(name, phase);
  }

  private static SyncRun.Result sync(TestNamespace ns, Application app, String yaml, Instant deadline,
      SyncStep from, String operationId) {
    Cluster cluster = Cluster.of("c1", ns.client());
    Plan plan = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app, Manifests.parse(yaml), Inventory.EMPTY);
    SyncRun run = new SyncRun(Manifests.applier(cluster),
        new HookRunner(cluster, ApplyOptions.DEFAULTS, Manifests.waiter(cluster)));
    return run.run(plan, Inventory.EMPTY, from, deadline, operationId);
  }

  @Test
  void preSyncAndPostSyncHooksRunAroundTheSyncAndHookSucceededDeletesThem(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String yaml = APP_OBJECTS + job("migrate", "PreSync", "HookSucceeded", false) + marker("notify", "PostSync");
    SyncRun.Result r = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(60)), SyncStep.PRE_SYNC, "op-1");

    assertThat(r.status()).as(r.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    assertThat(r.reached()).isEqualTo(SyncStep.DONE);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("notify").get()).isNotNull();
    // HookSucceeded: the finished Job is deleted (its deletion may still be in progress).
    ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("migrate")
        .waitUntilCondition(j -> j == null || j.getMetadata().getDeletionTimestamp() != null, 30,
            TimeUnit.SECONDS);
    // Hooks are not part of the inventory: they are never pruned.
    assertThat(r.inventory().entries().keySet()).extracting(k -> k.name()).containsExactly("settings");
  }

  @Test
  void aFailingPreSyncHookStopsTheSyncAndRunsSyncFailHooks(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String yaml = APP_OBJECTS + job("check", "PreSync", null, true) + marker("failed", "SyncFail");
    SyncRun.Result r = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(90)), SyncStep.PRE_SYNC, "op-2");

    assertThat(r.status()).isEqualTo(HookRunner.Status.FAILED);
    assertThat(r.message()).contains("Job.batch " + ns.name() + "/check").contains("PRE_SYNC hook failed");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("failed").get()).isNotNull();
  }

  @Test
  void aHookStillRunningAtTheDeadlineIsResumedNotRestartedByTheContinuedOperation(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    // A Job whose pod cannot be scheduled keeps running until its 20s deadline.
    String slow = job("slow", "PreSync", null, true).replace("activeDeadlineSeconds: 1", "activeDeadlineSeconds: 20");
    String yaml = APP_OBJECTS + slow;
    SyncRun.Result first = sync(ns, app, yaml, Instant.now(), SyncStep.PRE_SYNC, "op-3");
    assertThat(first.status()).isEqualTo(HookRunner.Status.RUNNING);
    assertThat(first.reached()).isEqualTo(SyncStep.PRE_SYNC);
    String uid = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("slow").get().getMetadata().getUid();

    SyncRun.Result again = sync(ns, app, yaml, Instant.now(), SyncStep.PRE_SYNC, "op-3");
    assertThat(again.status()).isEqualTo(HookRunner.Status.RUNNING);
    assertThat(ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("slow").get().getMetadata().getUid())
        .isEqualTo(uid);
  }

  @Test
  void theDefaultBeforeHookCreationPolicyReplacesTheLastSyncsHook(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String yaml = APP_OBJECTS + marker("note", "Sync");
    SyncRun.Result first = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(60)), SyncStep.PRE_SYNC,
        "op-4");
    assertThat(first.status()).as(first.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    String uid = ns.client().configMaps().inNamespace(ns.name()).withName("note").get().getMetadata().getUid();

    SyncRun.Result second = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(60)), SyncStep.PRE_SYNC,
        "op-5");
    assertThat(second.status()).as(second.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    // Deleted before the new sync created it again: a new object, not the old one patched.
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("note").get().getMetadata().getUid())
        .isNotEqualTo(uid);
  }

  @Test
  void beforeHookCreationDeletesOnlyThisApplicationsEarlierHooksMadeFromTheSamePrefix(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String yaml = APP_OBJECTS + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          generateName: note-
          annotations: {argocd.argoproj.io/hook: Sync}
        data: {ran: "yes"}
        """;
    // Another Application's hook made from the same prefix, as its own operation named it.
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("note-0ther000-sync").addToAnnotations("argocd.argoproj.io/hook", "Sync")
        .addToAnnotations("driftless.dev/hook-generate-name", "note-")
        .addToAnnotations("driftless.dev/tracking-id", "other:/ConfigMap:" + ns.name() + "/note-0ther000-sync")
        .endMetadata().build()).create();

    SyncRun.Result first = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(60)), SyncStep.PRE_SYNC,
        "aaaaaaaa-1");
    assertThat(first.status()).as(first.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("note-aaaaaaaa-sync").get()).isNotNull();

    SyncRun.Result second = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(60)), SyncStep.PRE_SYNC,
        "bbbbbbbb-2");
    assertThat(second.status()).as(second.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("note-bbbbbbbb-sync").get()).isNotNull();
    ns.client().configMaps().inNamespace(ns.name()).withName("note-aaaaaaaa-sync")
        .waitUntilCondition(c -> c == null || c.getMetadata().getDeletionTimestamp() != null, 30, TimeUnit.SECONDS);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("note-0ther000-sync").get())
        .as("another Application's hook is not this one's to delete").isNotNull();
  }

  @Test
  void hookFailedDeletesAFailedHookAndTheSyncStillFails(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String yaml = APP_OBJECTS + job("check", "PreSync", "HookFailed", true);
    SyncRun.Result r = sync(ns, app, yaml, Instant.now().plus(Duration.ofSeconds(90)), SyncStep.PRE_SYNC, "op-6");

    assertThat(r.status()).isEqualTo(HookRunner.Status.FAILED);
    ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("check")
        .waitUntilCondition(j -> j == null || j.getMetadata().getDeletionTimestamp() != null, 30,
            TimeUnit.SECONDS);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
  }
}
