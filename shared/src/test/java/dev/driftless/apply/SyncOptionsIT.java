package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

/** Argo CD's sync and compare options against a real API server: Delete=false, Helm's keep policy, IgnoreExtraneous. */
@LocalKubernetes
class SyncOptionsIT {

  private static String configMap(String name, String annotations, String extra) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  annotations: {" + annotations
        + "}\ndata: {a: b}\n" + extra;
  }

  private static final String KEEP = configMap("keep", "", "");

  @Test
  void deleteFalseAndHelmsKeepPolicyKeepAnObjectThatLeftGitWhileTheApplicationPrunes(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    String objects = String.join("---\n", configMap("protected", "argocd.argoproj.io/sync-options: Delete=false", ""),
        configMap("kept", "helm.sh/resource-policy: keep", ""), configMap("gone", "", ""), KEEP);
    Applier.Result first = Manifests.sync(ns.client(), app, Manifests.parse(objects), Inventory.EMPTY).result();
    assertThat(first.changes().failed()).isFalse();

    Applier.Result second = Manifests.sync(ns.client(), app, Manifests.parse(KEEP), first.inventory()).result();
    assertThat(second.changes().find(key(ns, "protected")).orElseThrow().message()).isEqualTo("not pruned: Delete=false");
    assertThat(second.changes().find(key(ns, "kept")).orElseThrow().message())
        .isEqualTo("not pruned: helm.sh/resource-policy: keep");
    assertThat(second.changes().find(key(ns, "gone")).orElseThrow().outcome()).isEqualTo(Outcome.PRUNED);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("protected").get()).isNotNull();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("kept").get()).isNotNull();
  }

  @Test
  void anObjectLeftInTheClusterWithIgnoreExtraneousDoesNotPutTheApplicationOutOfSync(TestNamespace ns) {
    Application manual = Manifests.app("shop", ns.name(), "syncPolicy: {}");
    String objects = String.join("---\n",
        configMap("generated", "argocd.argoproj.io/compare-options: IgnoreExtraneous", ""), KEEP);
    Applier.Result first = Manifests.sync(ns.client(), manual, Manifests.parse(objects), Inventory.EMPTY).result();
    Cluster cluster = Cluster.of("c1", ns.client());

    Plan ignored = new Planner(cluster, ApplyOptions.DEFAULTS).plan(manual, Manifests.parse(KEEP), first.inventory());
    assertThat(ignored.changes().inSync()).as(ignored.changes().summary()).isTrue();
    assertThat(ignored.changes().find(key(ns, "generated")).orElseThrow().action()).isEqualTo(Action.SKIP);

    // Without the compare option the same object left behind is drift.
    ns.client().configMaps().inNamespace(ns.name()).withName("generated").edit(cm -> {
      cm.getMetadata().getAnnotations().remove("argocd.argoproj.io/compare-options");
      return cm;
    });
    Plan drift = new Planner(cluster, ApplyOptions.DEFAULTS).plan(manual, Manifests.parse(KEEP), first.inventory());
    assertThat(drift.changes().inSync()).isFalse();
  }

  private static ObjectKey key(TestNamespace ns, String name) {
    return new ObjectKey("", "ConfigMap", ns.name(), name);
  }
}
