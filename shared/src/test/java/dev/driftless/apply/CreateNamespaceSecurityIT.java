package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.TestNamespace;
import dev.driftless.testkit.LocalKubernetes;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CreateNamespace=true: the namespace created carries the creating Application's tracking id and is recorded,
 * never pruned, in its inventory; another Application can neither adopt it nor prune it, and a namespace that
 * exists already and is not the Application's own is used as it is.
 */
@LocalKubernetes
class CreateNamespaceSecurityIT {

  private static final String CONFIG = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";
  private static final String CREATE = "syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}";

  private static String fresh() {
    return "created-" + Long.toHexString(System.nanoTime());
  }

  private static Manifests.Synced syncOk(KubernetesClient client, Application app, String yaml, Inventory prev) {
    Manifests.Synced s = Manifests.sync(client, app, Manifests.parse(yaml), prev);
    assertThat(s.result().changes().failed()).as(s.result().changes().summary()).isFalse();
    return s;
  }

  @Test
  void theCreatedNamespaceCarriesTheApplicationsTrackingIdAndIsRecordedButNeverPruned(KubernetesClient client) {
    String target = fresh();
    try {
      Application b = Manifests.app("team-b", target, CREATE);
      Manifests.Synced first = syncOk(client, b, CONFIG, Inventory.EMPTY);
      Namespace ns = client.namespaces().withName(target).get();
      assertThat(ns.getMetadata().getAnnotations())
          .containsEntry(Annotations.TRACKING_ID, "team-b:/Namespace:/" + target)
          .containsEntry(Annotations.SYNC_OPTIONS, "Prune=false");
      ObjectKey key = new ObjectKey("", "Namespace", "", target);
      assertThat(first.result().inventory().entries()).containsKey(key);

      // Without CreateNamespace the namespace leaves the desired set: Prune=false keeps it, and in the inventory.
      Manifests.Synced second = syncOk(client, Manifests.app("team-b", target), CONFIG, first.result().inventory());
      assertThat(second.result().changes().find(key).orElseThrow().message()).isEqualTo("not pruned: Prune=false");
      assertThat(client.namespaces().withName(target).get().getMetadata().getUid())
          .isEqualTo(ns.getMetadata().getUid());
      assertThat(second.result().inventory().entries()).containsKey(key);
    } finally {
      client.namespaces().withName(target).delete();
    }
  }

  @Test
  void anotherApplicationRenderingTheCreatedNamespaceIsRefusedAndCannotPruneIt(KubernetesClient client,
      TestNamespace own) {
    String target = fresh();
    try {
      syncOk(client, Manifests.app("team-b", target, CREATE), CONFIG, Inventory.EMPTY);
      String uid = client.namespaces().withName(target).get().getMetadata().getUid();

      Application c = Manifests.app("team-c", own.name());
      assertThatThrownBy(() -> Manifests.sync(client, c,
          Manifests.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + target + "}\n"), Inventory.EMPTY))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining("Namespace " + target)
          .hasMessageContaining("already tracked by application team-b");

      // Even listed in team-c's inventory (say, from before the namespace changed hands), it is not pruned.
      Inventory claimed = new Inventory(Map.of(new ObjectKey("", "Namespace", "", target),
          new Inventory.Entry("v1", null, null, 0)));
      Manifests.Synced s = syncOk(client, c, CONFIG, claimed);
      assertThat(s.result().changes().find(new ObjectKey("", "Namespace", "", target)).orElseThrow().outcome())
          .isEqualTo(Outcome.RELEASED);
      Namespace after = client.namespaces().withName(target).get();
      assertThat(after.getMetadata().getUid()).isEqualTo(uid);
      assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
    } finally {
      client.namespaces().withName(target).delete();
    }
  }

  @Test
  void aNamespaceThatExistsAndIsNotTheApplicationsOwnIsNotAdopted(KubernetesClient client) {
    String byHand = fresh();
    String byOther = fresh();
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(byHand).endMetadata().build())
          .create();
      Manifests.Synced s = syncOk(client, Manifests.app("team-b", byHand, CREATE), CONFIG, Inventory.EMPTY);
      assertThat(client.namespaces().withName(byHand).get().getMetadata().getAnnotations())
          .doesNotContainKey(Annotations.TRACKING_ID);
      assertThat(s.result().inventory().entries()).doesNotContainKey(new ObjectKey("", "Namespace", "", byHand));

      // Two Applications sharing a destination: the second uses the first's namespace and leaves it its owner's.
      syncOk(client, Manifests.app("team-b", byOther, CREATE), CONFIG, Inventory.EMPTY);
      Manifests.Synced other = syncOk(client, Manifests.app("team-c", byOther, CREATE),
          CONFIG.replace("name: c", "name: d"), Inventory.EMPTY);
      assertThat(client.namespaces().withName(byOther).get().getMetadata().getAnnotations())
          .containsEntry(Annotations.TRACKING_ID, "team-b:/Namespace:/" + byOther);
      assertThat(other.result().inventory().entries()).doesNotContainKey(new ObjectKey("", "Namespace", "", byOther));
    } finally {
      client.namespaces().withName(byHand).delete();
      client.namespaces().withName(byOther).delete();
    }
  }
}
