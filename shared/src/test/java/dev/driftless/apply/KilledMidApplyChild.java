package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.state.StatusStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The process {@link KilledMidApplySecurityIT} kills: plans and applies {@link #RENDER} with the inventory
 * stored in DynamoDB as the reconciler stores it, and holds after the stage of wave 1 (as a Lambda function
 * would when its deadline passes mid-apply) until it is killed. Arguments: kubeconfig, table, application,
 * namespace.
 */
public final class KilledMidApplyChild {

  /** Two ConfigMaps in each of waves 0, 1 and 2. */
  static final String RENDER = String.join("---\n", configMap("w0-a", 0), configMap("w0-b", 0),
      configMap("w1-a", 1), configMap("w1-b", 1), configMap("w2-a", 2), configMap("w2-b", 2));

  private KilledMidApplyChild() {}

  private static String configMap(String name, int wave) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  annotations: {argocd.argoproj.io/sync-wave: '" + wave + "'}\ndata: {a: b}\n";
  }

  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    Application app = Manifests.app(args[2], args[3]);
    StatusStore status = new StatusStore(DynamoDbClient.create(), args[1], Duration.ofDays(1));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      Cluster cluster = Cluster.of("c1", client);
      Inventory previous = status.get(app.name()).inventory();
      Plan plan = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app, Manifests.parse(RENDER), previous);
      CountDownLatch killed = new CountDownLatch(1);
      Applier.StageGate holdAfterWaveOne = applied -> {
        if (applied.stream().anyMatch(c -> c.wave() >= 1)) {
          System.out.println("holding after wave 1");
          awaitUninterruptibly(killed);
        }
        return Applier.Verdict.OPEN;
      };
      new Applier(cluster, ApplyOptions.DEFAULTS, Manifests.waiter(cluster), holdAfterWaveOne,
          inventory -> status.inventories().put(app.name(), inventory)).apply(plan, previous, Manifests.deadline());
      System.out.println("finished: the test should have killed this process before wave 2");
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // Only SIGKILL ends this process.
      }
    }
  }
}
