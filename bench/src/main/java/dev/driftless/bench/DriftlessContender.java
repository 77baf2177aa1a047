package dev.driftless.bench;

import dev.driftless.apply.Action;
import dev.driftless.apply.Applier;
import dev.driftless.apply.ApplyOptions;
import dev.driftless.apply.Cluster;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
import dev.driftless.health.HealthWaiter;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Driftless's engine as a sync runs it: {@code Planner.plan} then {@code Applier.apply}, on a
 * {@code Cluster.of("c1", client)} made for the step (so discovery is paid per step, as in an operation on
 * a fresh {@link Cluster}), carrying the inventory from one step to the next so the unchanged re-apply can
 * take the fast path. The client (and its connections) lives as long as the JVM, as in a warm container.
 */
public final class DriftlessContender implements Contender {

  /** The most a step waits (for CRDs to be Established, objects replaced to be gone). */
  private static final Duration WAIT_LIMIT = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final RequestCounter counter;
  private final ApplyOptions options;
  private final Application app;
  private Inventory inventory = Inventory.EMPTY;

  public DriftlessContender(KubernetesClient client, RequestCounter counter, int parallelism, String appName,
      String namespace) {
    this.client = client;
    this.counter = counter;
    this.options = new ApplyOptions(ApplyOptions.DEFAULTS.fieldManager(), parallelism,
        ApplyOptions.DEFAULTS.fastPath());
    this.app = new ApplicationParser().parse("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: file:///bench, path: .}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(appName, namespace), "bench");
  }

  @Override
  public String name() {
    return "Driftless (parallelism " + options.parallelism() + ")";
  }

  @Override
  public String slug() {
    return "dl" + options.parallelism();
  }

  @Override
  public StepResult apply(Path dir, List<DesiredObject> objects) {
    Machine.resetPeakRss();
    try (HeapSampler heap = HeapSampler.start(); StepRecording jfr = StepRecording.start(slug())) {
      counter.reset();
      long cpu = Machine.processCpuNanos();
      long start = System.nanoTime();
      Cluster cluster = Cluster.of("c1", client);
      Plan plan = new Planner(cluster, options).plan(app, objects, inventory);
      long planned = System.nanoTime();
      HealthWaiter waiter = new HealthWaiter(client, Clock.systemUTC());
      Applier.Result result = new Applier(cluster, options, waiter)
          .apply(plan, inventory, Instant.now().plus(WAIT_LIMIT));
      long nanos = System.nanoTime() - start;
      long cpuNanos = Machine.processCpuNanos() - cpu;
      long heapPeak = heap.peakBytes();
      if (result.changes().failed()) {
        throw new IllegalStateException(name() + ": the sync failed: " + result.changes().summary() + ": "
            + result.changes().failures().stream().limit(3).map(Object::toString).toList());
      }
      inventory = result.inventory();
      String outcome = "planned create " + plan.changes().count(Action.CREATE) + ", configure "
          + plan.changes().count(Action.CONFIGURE) + ", unchanged " + plan.changes().count(Action.UNCHANGED)
          + String.format(" (plan %.2f s, apply %.2f s)", (planned - start) / 1e9, (start + nanos - planned) / 1e9);
      return new StepResult(nanos, counter.total(), counter.byKind(), heapPeak, Machine.peakRssKib(), cpuNanos,
          outcome);
    }
  }
}
