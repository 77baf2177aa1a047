package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A hook may replace only its own Application's earlier hook: never another Application's object, one of its
 * own Application's regular objects, or an object Driftless did not create. Checked in the plan and again
 * when the hook runs; nothing is deleted when it is refused.
 */
@LocalKubernetes
class HookOwnershipSecurityIT {

  private static String hook(String kind, String apiVersion, String name, String body) {
    return """
        ---
        apiVersion: %s
        kind: %s
        metadata:
          name: %s
          annotations: {argocd.argoproj.io/hook: PreSync}
        %s""".formatted(apiVersion, kind, name, body);
  }

  private static String uid(KubernetesClient client, String kind, String namespace, String name) {
    var ops = client.genericKubernetesResources(kind.equals("Deployment") ? "apps/v1" : "v1", kind);
    var res = namespace == null ? ops.withName(name) : ops.inNamespace(namespace).withName(name);
    return res.get().getMetadata().getUid();
  }

  private static Plan plan(KubernetesClient client, Application app, String yaml) {
    return new Planner(Cluster.of("c1", client), ApplyOptions.DEFAULTS).plan(app, Manifests.parse(yaml),
        Inventory.EMPTY);
  }

  @Test
  void aPreSyncHookNamedLikeAnotherApplicationsNamespaceIsRefusedAndTheNamespaceSurvives(KubernetesClient client) {
    String name = "team-a-" + Long.toHexString(System.nanoTime());
    Application a = Manifests.app("team-a", name);
    try {
      Manifests.Synced owned = Manifests.sync(client, a,
          Manifests.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n"), Inventory.EMPTY);
      assertThat(owned.result().changes().failed()).as(owned.result().changes().summary()).isFalse();
      String before = uid(client, "Namespace", null, name);

      Application b = Manifests.app("team-b", "default");
      assertThatThrownBy(() -> plan(client, b, Manifests.SETTINGS + hook("Namespace", "v1", name, "")))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining("Namespace " + name)
          .hasMessageContaining("tracked by application team-a")
          .hasMessageContaining("nothing was deleted");
      assertThat(client.namespaces().withName(name).get().getMetadata().getDeletionTimestamp()).isNull();
      assertThat(uid(client, "Namespace", null, name)).isEqualTo(before);
    } finally {
      client.namespaces().withName(name).delete();
    }
  }

  @Test
  void aHookThatFindsAnotherApplicationsDeploymentWhenItRunsFailsAndTheDeploymentKeepsItsUid(TestNamespace ns) {
    Manifests.Synced owned = Manifests.sync(ns.client(), Manifests.app("team-a", ns.name()),
        Manifests.parse(Manifests.WEB), Inventory.EMPTY);
    assertThat(owned.result().changes().failed()).isFalse();
    String before = uid(ns.client(), "Deployment", ns.name(), "web");

    // The plan's check is passed by (the object changed hands after it): the runner checks again.
    Application b = Manifests.app("team-b", ns.name());
    String deployment = Manifests.WEB.replace("metadata: {name: web, labels: {tier: front}}",
        "metadata: {name: web, annotations: {argocd.argoproj.io/hook: PreSync}}");
    Cluster cluster = Cluster.of("c1", ns.client());
    HookRunner.Result r = new HookRunner(cluster, ApplyOptions.DEFAULTS, Manifests.waiter(cluster))
        .run(b, Manifests.parse(deployment), Hooks.Phase.PRE_SYNC, Instant.now().plus(Duration.ofSeconds(30)),
            "op-b");

    assertThat(r.status()).isEqualTo(HookRunner.Status.FAILED);
    assertThat(r.message()).contains("Deployment.apps " + ns.name() + "/web")
        .contains("tracked by application team-a");
    assertThat(r.changes()).singleElement().extracting(Change::outcome).isEqualTo(Outcome.FAILED);
    assertThat(uid(ns.client(), "Deployment", ns.name(), "web")).isEqualTo(before);
    assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("web").get().getMetadata()
        .getAnnotations()).containsEntry(Annotations.TRACKING_ID, "team-a:apps/Deployment:" + ns.name() + "/web");
  }

  @Test
  void aHookNamedLikeOneOfItsOwnApplicationsObjectsIsRefused(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Manifests.sync(ns.client(), app, Manifests.parse(Manifests.SETTINGS), Inventory.EMPTY);
    String before = uid(ns.client(), "ConfigMap", ns.name(), "settings");

    assertThatThrownBy(() -> plan(ns.client(), app, Manifests.WEB + hook("ConfigMap", "v1", "settings", "data: {a: b}\n")))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("ConfigMap " + ns.name() + "/settings")
        .hasMessageContaining("one of application shop's own objects, not a hook");
    assertThatThrownBy(() -> plan(ns.client(), app,
        Manifests.SETTINGS + hook("ConfigMap", "v1", "settings", "data: {a: b}\n")))
        .hasMessageContaining("also defines it as a regular object");
    assertThat(uid(ns.client(), "ConfigMap", ns.name(), "settings")).isEqualTo(before);
  }

  @Test
  void aHookNamedLikeAnObjectDriftlessDidNotCreateIsRefused(TestNamespace ns) {
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("by-hand").endMetadata().addToData("k", "v").build()).create();
    String before = uid(ns.client(), "ConfigMap", ns.name(), "by-hand");

    assertThatThrownBy(() -> plan(ns.client(), Manifests.app("shop", ns.name()),
        Manifests.SETTINGS + hook("ConfigMap", "v1", "by-hand", "data: {a: b}\n")))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("ConfigMap " + ns.name() + "/by-hand")
        .hasMessageContaining("not a Driftless hook");
    assertThat(uid(ns.client(), "ConfigMap", ns.name(), "by-hand")).isEqualTo(before);
  }

  @Test
  void aHookCarriesItsApplicationsTrackingIdSoAnotherApplicationCannotAdoptIt(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Cluster cluster = Cluster.of("c1", ns.client());
    HookRunner.Result r = new HookRunner(cluster, ApplyOptions.DEFAULTS, Manifests.waiter(cluster))
        .run(app, Manifests.parse(hook("ConfigMap", "v1", "note", "data: {a: b}\n")), Hooks.Phase.PRE_SYNC,
            Instant.now().plus(Duration.ofSeconds(30)), "op-1");
    assertThat(r.status()).as(r.message()).isEqualTo(HookRunner.Status.SUCCEEDED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("note").get().getMetadata().getAnnotations())
        .containsEntry(Annotations.TRACKING_ID, "shop:/ConfigMap:" + ns.name() + "/note");

    assertThatThrownBy(() -> Manifests.sync(ns.client(), Manifests.app("other", ns.name()),
        Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: note}\ndata: {x: y}\n"), Inventory.EMPTY))
        .isInstanceOf(PlanException.class).hasMessageContaining("already tracked by application shop");
  }
}
