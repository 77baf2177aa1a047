package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.Redaction;
import dev.driftless.model.SyncOptions;
import dev.driftless.secrets.SecretMasker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyLogicTest {

  private static Change planned(String yaml, Action action) {
    DesiredObject d = Manifests.parse(yaml).get(0);
    return Change.planned(d, action, "", null, SyncOrder.waveOf(d));
  }

  @Test
  void applyOrderIsCrdsAndNamespacesFirstThenWaveThenKindThenName() {
    List<Change> changes = new ArrayList<>(List.of(
        planned("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, namespace: x}", Action.CREATE),
        planned("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z, namespace: x}", Action.CREATE),
        planned("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: early, namespace: x, annotations: "
            + "{argocd.argoproj.io/sync-wave: \"-5\"}}", Action.CREATE),
        planned("apiVersion: v1\nkind: Namespace\nmetadata: {name: x, annotations: "
            + "{argocd.argoproj.io/sync-wave: \"9\"}}", Action.CREATE),
        planned("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: w.e.com}",
            Action.CREATE),
        planned("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}", Action.CREATE)));
    changes.sort(SyncOrder.APPLY);
    assertThat(changes).extracting(c -> c.key().kind() + "/" + c.key().name()).containsExactly(
        "CustomResourceDefinition/w.e.com", "Namespace/x", "ConfigMap/early", "ConfigMap/a", "ConfigMap/z",
        "Deployment/a");
    changes.sort(SyncOrder.PRUNE);
    assertThat(changes.get(0).key().kind()).isEqualTo("Deployment");
  }

  @Test
  void anUnreadableSyncWaveNamesTheObject() {
    assertThatThrownBy(() -> planned("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x, "
        + "annotations: {driftless.dev/sync-wave: soon}}", Action.CREATE))
        .isInstanceOf(PlanException.class)
        .hasMessage("ConfigMap x/c: driftless.dev/sync-wave is not an integer: soon");
  }

  @Test
  void syncOptionsOnTheObjectWinOverTheApplication() {
    Application app = Manifests.app("a", "x", "syncPolicy: {syncOptions: [Prune=true, PruneLast=true]}");
    GenericKubernetesResource obj = Serialization.unmarshal("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, "
        + "annotations: {argocd.argoproj.io/sync-options: 'Prune=false,Replace=true'}}", GenericKubernetesResource.class);
    SyncOptions o = KubeObjects.syncOptions(obj, app.syncPolicy().syncOptions());
    assertThat(o.pruneDisabled()).isTrue();
    assertThat(o.replace()).isTrue();
    assertThat(o.pruneLast()).isTrue();
    assertThat(o.prunePropagation()).isEqualTo(SyncOptions.PrunePropagation.FOREGROUND);
  }

  @Test
  void normalizerDropsServerFieldsAndIgnoredDifferences() {
    GenericKubernetesResource live = Serialization.unmarshal("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: x
          uid: 123
          resourceVersion: "42"
          generation: 3
          creationTimestamp: "2026-01-01T00:00:00Z"
          managedFields:
            - manager: kube-controller-manager
              operation: Update
              fieldsType: FieldsV1
              fieldsV1: {f:spec: {f:template: {f:spec: {f:containers: {'k:{"name":"web"}': {f:resources: {}}}}}}}
        spec:
          replicas: 5
          template:
            spec:
              containers:
                - {name: web, image: web:1, resources: {limits: {cpu: "1"}}}
        status: {readyReplicas: 5}
        """, GenericKubernetesResource.class);
    Application.IgnoreDifference ig = new Application.IgnoreDifference("apps", "Deployment", null, null,
        List.of("/spec/replicas"), List.of("kube-controller-manager"));
    ObjectKey key = new ObjectKey("apps", "Deployment", "x", "web");
    Map<String, Object> tree = new Normalizer("shop", List.of(ig)).normalize(live, key, live);
    assertThat(tree).doesNotContainKey("status");
    assertThat(Serialization.asJson(tree)).doesNotContain("resourceVersion").doesNotContain("managedFields")
        .doesNotContain("\"uid\"").doesNotContain("replicas").doesNotContain("resources")
        .contains("\"image\":\"web:1\"");
  }

  @Test
  void diffShowsChangedLinesWithContextInAUnifiedHunk() {
    Map<String, Object> a = Map.of("data", Map.of("a", "1", "b", "2"));
    Map<String, Object> b = Map.of("data", Map.of("a", "1", "b", "3"));
    assertThat(Differ.diff("ConfigMap", a, b)).isEqualTo("@@ -1,3 +1,3 @@\n data:\n   a: 1\n-  b: 2\n+  b: 3\n");
    assertThat(Differ.diff("ConfigMap", a, a)).isEmpty();
  }

  @Test
  void aResolvedValueIsMaskedInAnyKindWithTheValueBeforeARotationMaskedAtTheSamePlace() {
    Redaction canary = SecretMasker.of(List.of("canary-new"));
    Map<String, Object> live = Map.of("data", Map.of("dsn", "db://u:canary-old@db", "plain", "p1"),
        "metadata", Map.of("annotations", Map.of("seen", "canary-new")));
    Map<String, Object> desired = Map.of("data", Map.of("dsn", "db://u:canary-new@db", "plain", "p2"),
        "metadata", Map.of("annotations", Map.of("seen", "canary-new")));

    String diff = Differ.diff("ConfigMap", live, desired, canary);

    assertThat(diff).doesNotContain("canary-old", "canary-new").contains("-  plain: p1", "+  plain: p2")
        .containsPattern("-  dsn: '\\*\\*\\* \\([0-9a-f]{12}\\)'").containsPattern("\\+  dsn: '\\*\\*\\* \\([0-9a-f]{12}\\)'");
    assertThat(Differ.diff("ConfigMap", null, desired, canary)).doesNotContain("canary-new");
  }

  @Test
  void inventoryKeepsWhatFailedToDeleteOrToCreateAndDropsWhatWasPruned() {
    Inventory prev = new Inventory(Map.of(
        new ObjectKey("", "ConfigMap", "x", "gone"), new Inventory.Entry("v1", "sha256:a", "1", 0),
        new ObjectKey("", "ConfigMap", "x", "stuck"), new Inventory.Entry("v1", "sha256:b", "2", 0),
        new ObjectKey("", "ConfigMap", "x", "kept"), new Inventory.Entry("v1", "sha256:c", "3", 0)));
    List<Change> changes = List.of(
        new Change(new ObjectKey("", "ConfigMap", "x", "gone"), "v1", Action.PRUNE, Outcome.PRUNED, "", null,
            "sha256:a", null, null, 0, false, null),
        new Change(new ObjectKey("", "ConfigMap", "x", "stuck"), "v1", Action.PRUNE, Outcome.FAILED, "",
            "delete failed", "sha256:b", "2", null, 0, false, null),
        new Change(new ObjectKey("", "ConfigMap", "x", "kept"), "v1", Action.UNCHANGED, Outcome.UNCHANGED, "", null,
            "sha256:c", "3", null, 0, false, null),
        new Change(new ObjectKey("", "ConfigMap", "x", "new"), "v1", Action.CREATE, Outcome.FAILED, "", "rejected",
            "sha256:d", null, null, 0, false, null));
    Inventory next = InventoryChanges.after(prev, changes);
    assertThat(next.entries().keySet()).extracting(ObjectKey::name)
        .containsExactlyInAnyOrder("stuck", "kept", "new");
    // The create may have reached the server: listed, unconfirmed, for the next plan to find out.
    assertThat(next.get(new ObjectKey("", "ConfigMap", "x", "new"))).isEqualTo(new Inventory.Entry("v1", null, null, 0));
  }

  @Test
  void theInventoryAheadOfAnApplyListsEveryObjectAboutToBeWrittenAsUnconfirmed() {
    Inventory prev = new Inventory(Map.of(
        new ObjectKey("", "ConfigMap", "x", "kept"), new Inventory.Entry("v1", "sha256:c", "3", 0),
        new ObjectKey("", "ConfigMap", "x", "changed"), new Inventory.Entry("v1", "sha256:e", "4", 1)));
    List<Change> planned = List.of(
        new Change(new ObjectKey("", "ConfigMap", "x", "kept"), "v1", Action.UNCHANGED, Outcome.PLANNED, "", null,
            "sha256:c", "3", null, 0, false, null),
        new Change(new ObjectKey("", "ConfigMap", "x", "changed"), "v1", Action.CONFIGURE, Outcome.PLANNED, "", null,
            "sha256:f", "4", null, 1, false, null),
        new Change(new ObjectKey("apps", "Deployment", "x", "new"), "apps/v1", Action.CREATE, Outcome.PLANNED, "",
            null, "sha256:d", null, null, 2, false, null));
    Inventory ahead = InventoryChanges.ahead(prev, planned);
    assertThat(ahead.entries()).hasSize(3);
    assertThat(ahead.get(new ObjectKey("", "ConfigMap", "x", "changed"))).isEqualTo(prev.get(
        new ObjectKey("", "ConfigMap", "x", "changed")));
    assertThat(ahead.get(new ObjectKey("apps", "Deployment", "x", "new")))
        .isEqualTo(new Inventory.Entry("apps/v1", null, null, 2));
  }

  @Test
  void hookAnnotationsAreRead() {
    GenericKubernetesResource job = Serialization.unmarshal("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, "
        + "annotations: {argocd.argoproj.io/hook: 'PreSync,PostSync', argocd.argoproj.io/hook-delete-policy: "
        + "HookSucceeded}}", GenericKubernetesResource.class);
    assertThat(Hooks.isHook(job)).isTrue();
    assertThat(Hooks.phases(job)).containsExactly(Hooks.Phase.PRE_SYNC, Hooks.Phase.POST_SYNC);
    assertThat(Hooks.deletePolicies(job)).containsExactly(Hooks.DeletePolicy.HOOK_SUCCEEDED);
    GenericKubernetesResource bad = Serialization.unmarshal("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, "
        + "annotations: {driftless.dev/hook: Sometimes}}", GenericKubernetesResource.class);
    assertThatThrownBy(() -> Hooks.phases(bad)).hasMessageContaining("Job j: unknown hook phase Sometimes");
  }
}
