package dev.driftless.apply;

import static dev.driftless.apply.Manifests.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.apply.Manifests.Synced;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LocalKubernetes
class ApplyEngineIT {

  private static final String BASE = Manifests.SETTINGS + "---\n" + Manifests.WEB + """
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec: {selector: {app: web}, ports: [{port: 80}]}
      """;

  @Test
  void firstSyncCreatesEverythingWithTrackingAndASecondPlanFindsNothingChanged(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Synced first = sync(ns.client(), app, Manifests.parse(BASE), Inventory.EMPTY);

    assertThat(first.plan().changes().count(Action.CREATE)).isEqualTo(3);
    assertThat(first.result().changes().failed()).isFalse();
    assertThat(first.result().inventory().entries()).hasSize(3);
    ConfigMap cm = ns.client().configMaps().inNamespace(ns.name()).withName("settings").get();
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry("driftless.dev/tracking-id", "shop:/ConfigMap:" + ns.name() + "/settings");
    assertThat(cm.getMetadata().getManagedFields()).anyMatch(f -> "driftless".equals(f.getManager()));

    // Nothing changed: the fast path answers from the inventory, and a full dry run agrees.
    Cluster cluster = Cluster.of("c1", ns.client());
    Plan fast = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app, Manifests.parse(BASE), first.result().inventory());
    Plan slow = new Planner(cluster, ApplyOptions.DEFAULTS.withFastPath(false))
        .plan(app, Manifests.parse(BASE), first.result().inventory());
    assertThat(fast.changes().inSync()).isTrue();
    assertThat(slow.changes().inSync()).as(slow.changes().summary()).isTrue();
  }

  @Test
  void changeInGitAndDriftInTheClusterArePlannedAsConfigureWithADiff(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Synced first = sync(ns.client(), app, Manifests.parse(BASE), Inventory.EMPTY);

    Plan gitChange = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(app, Manifests.parse(BASE.replace("mode: blue", "mode: green")), first.result().inventory());
    Change cm = gitChange.changes().find(new ObjectKey("", "ConfigMap", ns.name(), "settings")).orElseThrow();
    assertThat(cm.action()).isEqualTo(Action.CONFIGURE);
    assertThat(cm.diff()).contains("-  mode: blue").contains("+  mode: green");
    assertThat(gitChange.changes().count(Action.UNCHANGED)).isEqualTo(2);

    // Someone edits the live object: its resourceVersion moves, the dry run sees the drift.
    ns.client().configMaps().inNamespace(ns.name()).withName("settings")
        .edit(c -> { c.getData().put("mode", "red"); return c; });
    Plan drift = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(app, Manifests.parse(BASE), first.result().inventory());
    assertThat(drift.changes().find(new ObjectKey("", "ConfigMap", ns.name(), "settings")).orElseThrow().action())
        .isEqualTo(Action.CONFIGURE);
    Applier.Result healed = Manifests.applier(Cluster.of("c1", ns.client()))
        .apply(drift, first.result().inventory(), Manifests.deadline());
    assertThat(healed.changes().failed()).isFalse();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
  }

  @Test
  void ignoredReplicasAreNotDrift(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name(), """
        syncPolicy: {automated: {prune: true}}
        ignoreDifferences:
          - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
        """);
    Synced first = sync(ns.client(), app, Manifests.parse(BASE), Inventory.EMPTY);
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").scale(5);
    Plan plan = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS.withFastPath(false))
        .plan(app, Manifests.parse(BASE), first.result().inventory());
    assertThat(plan.changes().inSync()).as(plan.changes().summary()).isTrue();
  }

  @Test
  void fieldsOwnedByAnIgnoredManagerAreNotDriftButTheSameEditByAnotherManagerIs(TestNamespace ns) {
    Application ignoring = Manifests.app("shop", ns.name(), """
        syncPolicy: {automated: {prune: true}}
        ignoreDifferences:
          - {group: apps, kind: Deployment, managedFieldsManagers: [autoscaler]}
        """);
    Synced first = sync(ns.client(), ignoring, Manifests.parse(BASE), Inventory.EMPTY);
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web")
        .patch(new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
            .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE).withFieldManager("autoscaler")
            .build(), "{\"spec\":{\"replicas\":4}}");

    Plan ignored = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(ignoring, Manifests.parse(BASE), first.result().inventory());
    assertThat(ignored.changes().inSync()).as(ignored.changes().summary()).isTrue();

    Plan notIgnored = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(Manifests.app("shop", ns.name()), Manifests.parse(BASE), first.result().inventory());
    Change web = notIgnored.changes().find(new ObjectKey("apps", "Deployment", ns.name(), "web")).orElseThrow();
    assertThat(web.action()).isEqualTo(Action.CONFIGURE);
    assertThat(web.diff()).contains("-  replicas: 4").contains("+  replicas: 2");
  }

  @Test
  void objectsThatLeftGitArePrunedUnlessMarkedPruneFalse(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String keep = """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: keep-me
          annotations: {argocd.argoproj.io/sync-options: Prune=false}
        data: {a: b}
        """;
    Synced first = sync(ns.client(), app, Manifests.parse(BASE + keep), Inventory.EMPTY);
    String onlyDeployment = BASE.substring(BASE.indexOf("apiVersion: apps/v1"), BASE.lastIndexOf("---"));
    Synced second = sync(ns.client(), app, Manifests.parse(onlyDeployment), first.result().inventory());

    assertThat(second.plan().changes().with(Action.PRUNE)).extracting(c -> c.key().name())
        .containsExactlyInAnyOrder("settings", "web");
    assertThat(second.result().changes().failed()).isFalse();
    ns.client().configMaps().inNamespace(ns.name()).withName("settings").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    ns.client().services().inNamespace(ns.name()).withName("web").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("keep-me").get()).isNotNull();
    assertThat(second.result().inventory().entries().keySet()).extracting(ObjectKey::name)
        .containsExactlyInAnyOrder("web", "keep-me");
  }

  @Test
  void anEmptyRenderDoesNotPruneEverything(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Synced first = sync(ns.client(), app, Manifests.parse(BASE), Inventory.EMPTY);
    assertThatThrownBy(() -> sync(ns.client(), app, List.of(), first.result().inventory()))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("shop: the render produced no objects; refusing to prune all 3 objects");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
  }

  @Test
  void anObjectTrackedByAnotherApplicationIsAnErrorNotATakeover(TestNamespace ns) {
    sync(ns.client(), Manifests.app("shop", ns.name()), Manifests.parse(BASE), Inventory.EMPTY);
    assertThatThrownBy(() -> sync(ns.client(), Manifests.app("other", ns.name()), Manifests.parse(BASE),
        Inventory.EMPTY))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("already tracked by application shop (shared resource)");
  }

  @Test
  void anObjectTheServerRejectsFailsThePlanNamingItAndNothingIsWritten(TestNamespace ns) {
    String bad = BASE + """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: broken}
        spec:
          replicas: -3
          selector: {matchLabels: {app: broken}}
          template:
            metadata: {labels: {app: broken}}
            spec: {containers: [{name: c, image: x}]}
        """;
    assertThatThrownBy(() -> sync(ns.client(), Manifests.app("shop", ns.name()), Manifests.parse(bad),
        Inventory.EMPTY))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("Deployment.apps " + ns.name() + "/broken")
        .hasMessageContaining("rejected by the server")
        .hasMessageContaining("spec.replicas");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
  }

  @Test
  void anUnknownKindFailsThePlanNamingIt(TestNamespace ns) {
    String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n";
    assertThatThrownBy(() -> sync(ns.client(), Manifests.app("shop", ns.name()), Manifests.parse(unknown),
        Inventory.EMPTY))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("Widget.example.com w")
        .hasMessageContaining("does not serve example.com/v1 Widget");
  }

  @Test
  void aSecretDiffNeverShowsItsValues(TestNamespace ns) {
    String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: first-s3cret}\n";
    Application app = Manifests.app("shop", ns.name());
    Synced first = sync(ns.client(), app, Manifests.parse(secret), Inventory.EMPTY);
    Plan rotated = new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(app, Manifests.parse(secret.replace("first-s3cret", "second-s3cret")), first.result().inventory());
    Change c = rotated.changes().changes().get(0);
    assertThat(c.action()).isEqualTo(Action.CONFIGURE);
    assertThat(c.diff()).contains("password: '*** (").doesNotContain("s3cret")
        .doesNotContain("Zmlyc3Qtc3NjcmV0").doesNotContain("c2Vjb25kLXMzY3JldA");
    assertThat(first.plan().changes().changes().get(0).diff()).doesNotContain("s3cret");
  }

  @Test
  void aCustomResourceIsCreatedInTheSameSyncAsItsDefinition(TestNamespace ns) {
    String group = ns.name() + ".example.com";
    String crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.%1$s}
        spec:
          group: %1$s
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
            - name: v1
              served: true
              storage: true
              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        ---
        apiVersion: %1$s/v1
        kind: Widget
        metadata: {name: w1}
        spec: {size: 3}
        """.formatted(group);
    Application app = Manifests.app("widgets", ns.name());
    try {
      Synced s = sync(ns.client(), app, Manifests.parse(crd), Inventory.EMPTY);
      assertThat(s.plan().changes().find(new ObjectKey(group, "Widget", ns.name(), "w1")).orElseThrow().action())
          .isEqualTo(Action.CREATE);
      assertThat(s.result().changes().failed()).as(s.result().changes().summary()).isFalse();
      assertThat(ns.client().genericKubernetesResources(group + "/v1", "Widget").inNamespace(ns.name())
          .withName("w1").get()).isNotNull();
    } finally {
      ns.client().apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
    }
  }

  @Test
  void createNamespaceCreatesTheDestinationFirst(KubernetesClient client) {
    String target = "created-" + Long.toHexString(System.nanoTime());
    Application app = Manifests.app("nsapp", target,
        "syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}");
    try {
      Synced s = sync(client, app, Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"),
          Inventory.EMPTY);
      assertThat(s.result().changes().failed()).as(s.result().changes().summary()).isFalse();
      assertThat(client.configMaps().inNamespace(target).withName("c").get()).isNotNull();
    } finally {
      client.namespaces().withName(target).delete();
    }
  }

  @Test
  void aFieldOwnedByAnotherManagerConflictsUnlessForceIsSet(TestNamespace ns) {
    ns.client().configMaps().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata().withData(Map.of("mode", "manual")).build())
        .fieldManager("someone-else").serverSideApply();
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: blue}\n";
    assertThatThrownBy(() -> sync(ns.client(), Manifests.app("shop", ns.name()), Manifests.parse(cm), Inventory.EMPTY))
        .isInstanceOf(PlanException.class).hasMessageContaining("conflicts with another field manager");
    Synced forced = sync(ns.client(), Manifests.app("shop", ns.name(),
        "syncPolicy: {syncOptions: [Force=true]}"), Manifests.parse(cm), Inventory.EMPTY);
    assertThat(forced.result().changes().failed()).isFalse();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
  }

  @Test
  void immutableFieldChangesAreReplacedWhenReplaceIsSet(TestNamespace ns) {
    String job = job("migrate");
    Application app = Manifests.app("shop", ns.name(), "syncPolicy: {syncOptions: [Replace=true]}");
    Synced first = sync(ns.client(), app, Manifests.parse(job), Inventory.EMPTY);
    assertThat(first.result().changes().failed()).isFalse();
    String uid = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("migrate").get().getMetadata().getUid();
    Synced second = sync(ns.client(), app, Manifests.parse(job.replace("migrate:1", "migrate:2")),
        first.result().inventory());
    assertThat(second.result().changes().failed()).as(second.result().changes().summary()).isFalse();
    var now = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("migrate").get();
    assertThat(now.getMetadata().getUid()).isNotEqualTo(uid);
    assertThat(now.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("migrate:2");
  }

  @Test
  void aReplaceWaitsForTheOldObjectToGoNoLaterThanTheCallersDeadline(TestNamespace ns) {
    String job = job("held");
    Application app = Manifests.app("shop", ns.name(), "syncPolicy: {syncOptions: [Replace=true]}");
    Synced first = sync(ns.client(), app, Manifests.parse(job), Inventory.EMPTY);
    assertThat(first.result().changes().failed()).isFalse();
    // Another controller's finalizer keeps the old Job terminating for as long as it likes.
    var jobs = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName("held");
    jobs.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\": {\"finalizers\": [\"example.com/hold\"]}}");
    try {
      Cluster cluster = Cluster.of("c1", ns.client());
      Plan changed = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app,
          Manifests.parse(job.replace("migrate:1", "migrate:2")), first.result().inventory());

      Applier.Result r = Manifests.applier(cluster).apply(changed, first.result().inventory(), Instant.now());

      assertThat(r.changes().failures()).singleElement().satisfies(c -> assertThat(c.message())
          .isEqualTo("replace failed: the object was still being deleted at the deadline"));
      assertThat(jobs.get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("migrate:1");
    } finally {
      jobs.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\": {\"finalizers\": null}}");
    }
  }

  @Test
  void anObjectInANamespaceTheCredentialsMayNotWriteFailsThePlanAndNothingIsWritten(TestNamespace ns) {
    ns.client().rbac().roleBindings().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
        .withNewMetadata().withName("restricted-admin").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("admin").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("restricted").endSubject()
        .build()).create();
    io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder(ns.client().getConfiguration())
        .withImpersonateUsername("restricted").build();
    try (KubernetesClient restricted = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
      String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mine}\ndata: {a: b}\n---\n"
          + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: theirs, namespace: kube-system}\ndata: {a: b}\n";
      assertThatThrownBy(() -> sync(restricted, Manifests.app("shop", ns.name()), Manifests.parse(yaml), Inventory.EMPTY))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining("ConfigMap kube-system/theirs")
          .hasMessageContaining("forbidden");
      assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("mine").get()).isNull();
    }
  }

  /** A Job of one container, registry.example/migrate:1: its pod template cannot change in place. */
  private static String job(String name) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: %s}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: m, image: registry.example/migrate:1}]
        """.formatted(name);
  }
}
