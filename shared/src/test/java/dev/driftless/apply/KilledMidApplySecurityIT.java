package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.state.StateTable;
import dev.driftless.state.StatusStore;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sync whose process is killed (SIGKILL) mid-apply: every object it created is in the stored inventory,
 * because the inventory is written ahead of the apply, and the next sync of a commit without them prunes
 * them all. Before, the inventory was written only when the operation ended, so they were never pruned.
 */
@LocalAws
@LocalKubernetes
class KilledMidApplySecurityIT {

  @TempDir Path tmp;
  private final DynamoDbClient ddb = DynamoDbClient.create();

  private Process startChild(Path kubeconfig, String table, String app, String namespace, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("aws."))
        .forEach(p -> cmd.add("-D" + p + "=" + System.getProperty(p)));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KilledMidApplyChild.class.getName(),
        kubeconfig.toString(), table, app, namespace));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Set<ObjectKey> trackedBy(TestNamespace ns, String app) {
    return ns.client().configMaps().inNamespace(ns.name()).list().getItems().stream()
        .filter(cm -> cm.getMetadata().getAnnotations() != null)
        .map(cm -> ObjectKey.parseTrackingId(cm.getMetadata().getAnnotations().get(Annotations.TRACKING_ID)))
        .filter(t -> t != null && t.application().equals(app))
        .map(ObjectKey.TrackedBy::key).collect(Collectors.toSet());
  }

  @Test
  void aSyncKilledMidApplyLeavesEveryObjectItCreatedInTheInventoryAndTheNextSyncPrunesThemAll(
      LocalClusters clusters, TestNamespace ns) throws Exception {
    String table = "killed-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(1));
    String app = "shop";
    Path log = tmp.resolve("child.log");
    Process child = startChild(clusters.kubeconfig("c1"), table, app, ns.name(), log);
    try {
      Processes.await("ConfigMap w1-a of wave 1 to exist (child log: " + log + ")", Duration.ofMinutes(2),
          () -> !child.isAlive() || ns.client().configMaps().inNamespace(ns.name()).withName("w1-a").get() != null);
      assertThat(child.isAlive()).as("the child still applying; its output:\n%s", read(log)).isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
      child.waitFor(30, TimeUnit.SECONDS);
    }

    Set<ObjectKey> created = trackedBy(ns, app);
    assertThat(created).extracting(ObjectKey::name).contains("w0-a", "w0-b", "w1-a")
        .doesNotContain("w2-a", "w2-b");
    Inventory stored = status.get(app).inventory();
    assertThat(stored.entries().keySet()).as("objects the killed sync created").containsAll(created);

    // The next commit holds one other object: everything the killed sync created is pruned.
    Application shop = Manifests.app(app, ns.name());
    Cluster cluster = Cluster.of("c1", ns.client());
    Plan plan = new Planner(cluster, ApplyOptions.DEFAULTS).plan(shop, Manifests.parse(Manifests.SETTINGS), stored);
    Applier.Result next = new Applier(cluster, ApplyOptions.DEFAULTS, Manifests.waiter(cluster),
        Applier.StageGate.NONE, inventory -> status.inventories().put(app, inventory))
        .apply(plan, stored, Manifests.deadline());
    assertThat(next.changes().failed()).as(next.changes().summary()).isFalse();

    // Foreground deletion: the garbage collector removes each object once it has no dependents left.
    Processes.await("the pruned ConfigMaps to be gone", Duration.ofSeconds(60),
        () -> trackedBy(ns, app).stream().map(ObjectKey::name).toList().equals(List.of("settings")));
    assertThat(status.get(app).inventory().entries().keySet()).extracting(ObjectKey::name)
        .containsExactly("settings");
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
