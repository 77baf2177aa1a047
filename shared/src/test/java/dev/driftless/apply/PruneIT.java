package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pruning against a real API server: the order of deletes (reverse waves, PruneLast at the very end), the
 * propagation policy as the garbage collector carries it out, and a delete the server refuses.
 */
@LocalKubernetes
class PruneIT {

  private static final String WEB = Manifests.WEB;

  private static final String KEEP = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: keep}
      data: {a: b}
      """;

  private static Applier.Result sync(KubernetesClient client, Application app, List<DesiredObject> desired,
      Inventory prev) {
    return Manifests.sync(client, app, desired, prev).result();
  }

  private static String configMap(String name, String annotations) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  annotations: {" + annotations
        + "}\ndata: {a: b}\n";
  }

  /** Records the names of the objects a client deletes, in the order the requests leave. */
  private static final class Deletes implements Interceptor {
    final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if ("DELETE".equals(request.method())) {
        String path = request.uri().getPath();
        names.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
  }

  @Test
  void objectsArePrunedInReverseWaveOrderWithPruneLastObjectsAfterAllOthers(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String objects = String.join("---\n",
        configMap("wave-0", ""),
        configMap("wave-5", "argocd.argoproj.io/sync-wave: '5'"),
        configMap("wave-minus-1", "argocd.argoproj.io/sync-wave: '-1'"),
        configMap("last-at-wave-5", "argocd.argoproj.io/sync-wave: '5', argocd.argoproj.io/sync-options: PruneLast=true"),
        configMap("last-at-wave-0", "driftless.dev/sync-options: PruneLast=true"),
        KEEP);
    Applier.Result first = sync(ns.client(), app, Manifests.parse(objects), Inventory.EMPTY);
    assertThat(first.changes().failed()).isFalse();

    Deletes deletes = new Deletes();
    try (KubernetesClient recording = new KubernetesClientBuilder().withConfig(ns.client().getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("deletes", deletes)).build()) {
      Applier.Result second = sync(recording, app, Manifests.parse(KEEP), first.inventory());
      assertThat(second.changes().failed()).as(second.changes().summary()).isFalse();
      assertThat(second.inventory().entries().keySet()).extracting(ObjectKey::name).containsExactly("keep");
    }
    assertThat(deletes.names).containsExactly("wave-5", "wave-0", "wave-minus-1", "last-at-wave-5",
        "last-at-wave-0");
  }

  @Test
  void aPrunedDeploymentIsDeletedInTheForegroundSoItsReplicaSetsGoFirst(TestNamespace ns) {
    // Foreground: the Deployment stays (with a deletionTimestamp) until its dependents are gone.
    ReplicaSet rs = pruneWeb(ns, Manifests.app("shop", ns.name()));
    assertThat(ns.client().apps().replicaSets().inNamespace(ns.name()).withName(rs.getMetadata().getName()).get())
        .isNull();
  }

  @Test
  void prunePropagationPolicyOrphanLeavesTheReplicaSetsBehind(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name(),
        "syncPolicy: {automated: {prune: true}, syncOptions: [PrunePropagationPolicy=orphan]}");
    ReplicaSet rs = pruneWeb(ns, app);
    ReplicaSet orphan = ns.client().apps().replicaSets().inNamespace(ns.name())
        .withName(rs.getMetadata().getName())
        .waitUntilCondition(r -> r != null && (r.getMetadata().getOwnerReferences() == null
            || r.getMetadata().getOwnerReferences().isEmpty()), 60, TimeUnit.SECONDS);
    assertThat(orphan.getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void aDeleteTheServerRefusesFailsThatChangeAndKeepsTheObjectInTheInventory(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Applier.Result first = sync(ns.client(), app, Manifests.parse(configMap("stuck", "") + "---\n" + KEEP),
        Inventory.EMPTY);
    // A user who may read and apply ConfigMaps here, but not delete them.
    ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata()
        .withName("no-delete").endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("")
            .withResources("configmaps").withVerbs("get", "list", "watch", "create", "patch", "update").build())
        .build()).create();
    ns.client().rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("no-delete").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role").withName("no-delete").endRoleRef().addNewSubject()
        .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("no-delete").endSubject().build())
        .create();
    ObjectKey stuck = new ObjectKey("", "ConfigMap", ns.name(), "stuck");
    var config = new ConfigBuilder(ns.client().getConfiguration()).withImpersonateUsername("no-delete").build();
    Inventory afterRefusal;
    try (KubernetesClient restricted = new KubernetesClientBuilder().withConfig(config).build()) {
      Applier.Result refused = sync(restricted, app, Manifests.parse(KEEP), first.inventory());
      Change c = refused.changes().find(stuck).orElseThrow();
      assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(c.message()).startsWith("delete failed: ").contains("forbidden");
      assertThat(refused.changes().failed()).isTrue();
      afterRefusal = refused.inventory();
    }
    assertThat(afterRefusal.get(stuck)).isEqualTo(first.inventory().get(stuck));
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("stuck").get()).isNotNull();

    // The next sync, with rights to delete, tries again and lets the object go.
    Applier.Result retried = sync(ns.client(), app, Manifests.parse(KEEP), afterRefusal);
    assertThat(retried.changes().find(stuck).orElseThrow().outcome()).isEqualTo(Outcome.PRUNED);
    assertThat(retried.inventory().get(stuck)).isNull();
  }

  /**
   * Syncs Deployment web (with ConfigMap keep), waits for its ReplicaSet, then syncs without it and waits
   * until the Deployment is gone; returns the ReplicaSet as it was before the prune.
   */
  private static ReplicaSet pruneWeb(TestNamespace ns, Application app) {
    Applier.Result first = sync(ns.client(), app, Manifests.parse(WEB + "---\n" + KEEP), Inventory.EMPTY);
    ReplicaSet rs = awaitReplicaSet(ns);
    Applier.Result second = sync(ns.client(), app, Manifests.parse(KEEP), first.inventory());
    assertThat(second.changes().failed()).as(second.changes().summary()).isFalse();
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web")
        .waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    return rs;
  }

  private static ReplicaSet awaitReplicaSet(TestNamespace ns) {
    var sets = ns.client().apps().replicaSets().inNamespace(ns.name()).withLabel("app", "web");
    Processes.await("a ReplicaSet of Deployment web", Duration.ofSeconds(60), () -> !sets.list().getItems().isEmpty());
    return sets.list().getItems().get(0);
  }
}
