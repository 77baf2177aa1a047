package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
import dev.driftless.testkit.Processes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Harness 1: Driftless's plan + apply against {@code kubectl apply --server-side} and Flux's apply engine
 * ({@link FluxContender}) on one object count, for
 * the first apply, an unchanged re-apply (after the Deployments rolled out), a second one (nothing moved since)
 * and a re-apply with 10% changed. Each run gives every contender
 * fresh namespaces of the same cluster; between steps the harness waits (untimed) for the Deployments to be
 * Available, as a re-apply minutes later would find them; after a run the namespaces are deleted (untimed)
 * so that runs do not load each other. The contenders' order rotates from run to run.
 */
public final class ApplyBench {

  /** The three steps of a run. */
  public enum Step {
    FIRST("first apply"),
    /** The first re-apply after the rollout: controllers have written status since the first apply. */
    UNCHANGED("re-apply, nothing changed"),
    /** Another one, nothing having moved since: a scheduled drift scan's usual case. */
    SETTLED("re-apply again, nothing changed"),
    CHANGED("re-apply, 10% changed");

    final String label;

    Step(String label) {
      this.label = label;
    }
  }

  /**
   * What to measure.
   *
   * @param kubeconfig the cluster to apply to
   * @param kubectl the kubectl binary
   * @param size how many objects
   * @param runs how many runs of the three steps per contender
   * @param parallelisms Driftless's parallelism settings to measure, one contender each
   * @param namespaces how many namespaces the objects are spread over
   * @param work a scratch directory
   * @param withKubectl false to measure Driftless only (for profiling the engine)
   * @param flux the Flux peer binary (bench/peers/flux-ssa); null to leave Flux out
   * @param warmups untimed runs of every contender before the measured ones: a warm Lambda container has
   *     run the engine before, and its JIT-compiled code is what a sync normally runs on (kubectl is compiled
   *     ahead of time); 0 measures a cold JVM in the first run
   */
  public record Options(Path kubeconfig, Path kubectl, int size, int runs, List<Integer> parallelisms, int namespaces,
      Path work, boolean withKubectl, Path flux, int warmups) {
    public Options {
      Objects.requireNonNull(kubeconfig, "kubeconfig");
      Objects.requireNonNull(kubectl, "kubectl");
      parallelisms = List.copyOf(parallelisms);
    }
  }

  private static final Duration SETTLE = Duration.ofMinutes(10);
  private static final Duration STALLED = Duration.ofSeconds(20);

  private final Options options;
  private final Map<String, Map<Step, List<StepResult>>> results = new LinkedHashMap<>();
  private final Map<String, Map<Step, Samples>> loads = new LinkedHashMap<>();
  private final Map<String, Map<Step, Samples>> serverCpu = new LinkedHashMap<>();
  private final Map<String, Map<Step, Samples>> controllerCpu = new LinkedHashMap<>();
  private final ClusterCpu clusterCpu;

  public ApplyBench(Options options) {
    this.options = options;
    this.clusterCpu = new ClusterCpu(options.kubeconfig().toAbsolutePath().getParent().resolve("pids"));
  }

  /** Runs the measurements and returns them as a Markdown section. */
  public String run() {
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient admin = client(null); KubernetesClient engine = client(counter)) {
      for (int run = 1 - options.warmups(); run <= options.runs(); run++) {
        List<Contender> contenders = new ArrayList<>();
        for (int p : options.parallelisms()) {
          String slug = "dl" + p;
          contenders.add(new DriftlessContender(engine, counter, p, namespaces(slug, run).get(0),
              namespaces(slug, run).get(0)));
        }
        if (options.withKubectl()) {
          contenders.add(new KubectlContender(options.kubectl(), options.kubeconfig(), options.work().resolve("kubectl")));
        }
        if (options.flux() != null) {
          contenders.add(new FluxContender(options.flux(), options.kubeconfig(), options.work().resolve("flux")));
        }
        Collections.rotate(contenders, -(run - 1));
        for (Contender c : contenders) {
          measure(admin, c, run, run >= 1);
        }
      }
    }
    return report();
  }

  private void measure(KubernetesClient admin, Contender c, int run, boolean recorded) {
    List<String> ns = namespaces(c.slug(), run);
    deleteNamespaces(admin, ns); // left over from an interrupted run
    for (String n : ns) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(n).endMetadata().build())
          .serverSideApply();
    }
    Processes.await("default service accounts in " + ns, SETTLE, () -> ns.stream()
        .allMatch(n -> admin.serviceAccounts().inNamespace(n).withName("default").get() != null));
    Path base = options.work().resolve(c.slug() + "-" + run);
    Path rev1 = ObjectMix.write(base.resolve("rev1"), options.size(), ns, 1);
    Path rev2 = ObjectMix.write(base.resolve("rev2"), options.size(), ns, 2);
    List<DesiredObject> objects1 = ObjectMix.read(rev1);
    List<DesiredObject> objects2 = ObjectMix.read(rev2);
    for (Step step : Step.values()) {
      Path dir = step == Step.CHANGED ? rev2 : rev1;
      double load = Machine.load1();
      log(c.name() + ", " + options.size() + " objects, " + (recorded ? "run " + run : "warm-up " + (1 - run)) + ": "
          + step.label + " (load " + load + ")");
      Map<String, Double> cpuBefore = clusterCpu.snapshot();
      StepResult r = c.apply(dir, step == Step.CHANGED ? objects2 : objects1);
      Map<String, Double> cpu = ClusterCpu.since(cpuBefore, clusterCpu.snapshot());
      log("  " + String.format("%.2f s, CPU %.2f s (API server and etcd %.2f s, controllers %.2f s), %d requests, %s",
          r.nanos() / 1e9, r.cpuNanos() / 1e9, cpu.getOrDefault("server", -1.0), cpu.getOrDefault("controllers", -1.0),
          r.requests(), r.outcome()));
      if (step != Step.CHANGED) {
        awaitDeploymentsSettled(admin, ns);
      }
      if (!recorded) continue;
      serverCpu.computeIfAbsent(c.name(), k -> new EnumMap<>(Step.class)).computeIfAbsent(step, k -> new Samples())
          .add(cpu.getOrDefault("server", -1.0));
      controllerCpu.computeIfAbsent(c.name(), k -> new EnumMap<>(Step.class))
          .computeIfAbsent(step, k -> new Samples()).add(cpu.getOrDefault("controllers", -1.0));
      results.computeIfAbsent(c.name(), k -> new EnumMap<>(Step.class)).computeIfAbsent(step, k -> new ArrayList<>())
          .add(r);
      loads.computeIfAbsent(c.name(), k -> new EnumMap<>(Step.class)).computeIfAbsent(step, k -> new Samples())
          .add(load);
    }
    deleteNamespaces(admin, ns);
    deleteTree(base);
  }

  private static void deleteNamespaces(KubernetesClient admin, List<String> ns) {
    for (String n : ns) {
      admin.namespaces().withName(n).delete();
    }
    Processes.await("namespaces " + ns + " deleted", SETTLE,
        () -> ns.stream().allMatch(n -> admin.namespaces().withName(n).get() == null));
  }

  private List<String> namespaces(String slug, int run) {
    String r = run >= 1 ? "r" + run : "w" + (1 - run);
    return IntStream.range(0, options.namespaces())
        .mapToObj(i -> "bench-" + options.size() + "-" + slug + "-" + r + "-" + i).toList();
  }

  /**
   * Waits for every Deployment to be Available. The local cluster's kwok sometimes misses node heartbeats
   * (all nodes at once, for seconds): the node lifecycle controller then marks the running pods NotReady and
   * kwok never marks them Ready again. So the harness also accepts rolled out (controller caught up, pods
   * created) once no further Deployment has become Available for {@link #STALLED}, and says so.
   */
  private static void awaitDeploymentsSettled(KubernetesClient admin, List<String> ns) {
    long[] lastProgress = {System.nanoTime()};
    int[] lastPending = {Integer.MAX_VALUE};
    boolean[] stalled = {false};
    try {
      Processes.await("Deployments available (or rolled out and stalled) in " + ns, SETTLE, () -> {
        List<Deployment> notAvailable = pending(admin, ns, ApplyBench::available);
        if (notAvailable.isEmpty()) return true;
        if (notAvailable.size() < lastPending[0]) {
          lastPending[0] = notAvailable.size();
          lastProgress[0] = System.nanoTime();
        }
        stalled[0] = System.nanoTime() - lastProgress[0] > STALLED.toNanos()
            && notAvailable.stream().allMatch(ApplyBench::rolledOut);
        return stalled[0];
      });
    } catch (IllegalStateException e) {
      List<Deployment> late = pending(admin, ns, ApplyBench::rolledOut);
      throw new IllegalStateException(e.getMessage() + ": " + late.size() + " not rolled out, e.g. "
          + late.stream().limit(3).map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()
              + " " + d.getStatus()).toList(), e);
    }
    if (stalled[0]) {
      log("  " + lastPending[0] + " Deployments rolled out but not Available (pods marked NotReady after a kwok "
          + "heartbeat lapse); going on");
    }
  }

  private static List<Deployment> pending(KubernetesClient admin, List<String> ns,
      Predicate<Deployment> done) {
    return ns.stream().flatMap(n -> admin.apps().deployments().inNamespace(n).list().getItems().stream())
        .filter(d -> !done.test(d)).toList();
  }

  private static boolean rolledOut(Deployment d) {
    var s = d.getStatus();
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && Objects.equals(s.getUpdatedReplicas(), want) && Objects.equals(s.getReplicas(), want);
  }

  private static boolean available(Deployment d) {
    var s = d.getStatus();
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && Objects.equals(s.getUpdatedReplicas(), want) && Objects.equals(s.getAvailableReplicas(), want)
        && Objects.equals(s.getReplicas(), want);
  }

  private KubernetesClient client(RequestCounter counter) {
    try {
      Config config = Config.fromKubeconfig(null, Files.readString(options.kubeconfig()), null);
      KubernetesClientBuilder b = new KubernetesClientBuilder().withConfig(config);
      if (counter != null) {
        b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor(RequestCounter.NAME, counter));
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + options.kubeconfig(), e);
    }
  }

  private String report() {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(options.size()).append(" objects\n\n");
    md.append("| tool | step | median s | min s | client CPU s | API server + etcd CPU s | controllers CPU s "
        + "| requests | requests by kind (last run) | peak heap MiB | peak RSS MiB | load1 | did (last run) |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
    for (var byTool : results.entrySet()) {
      for (var byStep : byTool.getValue().entrySet()) {
        List<StepResult> rs = byStep.getValue();
        Samples secs = samples(rs, r -> r.nanos() / 1e9);
        Samples cpu = samples(rs, r -> r.cpuNanos() / 1e9);
        Samples reqs = samples(rs, r -> (double) r.requests());
        Samples heap = samples(rs, r -> r.heapBytes() / (1024.0 * 1024));
        Samples rss = samples(rs, r -> r.rssKib() / 1024.0);
        StepResult last = rs.get(rs.size() - 1);
        md.append(String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %s | %s | %.0f | %.1f | %s |%n",
            byTool.getKey(), byStep.getKey().label, secs.median(), secs.min(), cpu.median(),
            serverCpu.get(byTool.getKey()).get(byStep.getKey()).median(),
            controllerCpu.get(byTool.getKey()).get(byStep.getKey()).median(), reqs.median(),
            kinds(last.requestsByKind()),
            last.heapBytes() < 0 ? "n/a" : String.format("%.0f", heap.median()), rss.median(),
            loads.get(byTool.getKey()).get(byStep.getKey()).median(), last.outcome()));
      }
    }
    md.append('\n').append(goal()).append('\n');
    return md.toString();
  }

  /** The goal: Driftless at most half of kubectl's time on a first apply, a quarter on an unchanged one. */
  private String goal() {
    String kubectl = results.keySet().stream().filter(k -> k.startsWith("kubectl")).findFirst().orElse(null);
    if (kubectl == null) return "";
    StringBuilder out = new StringBuilder();
    for (String tool : results.keySet()) {
      if (!tool.startsWith("Driftless")) continue; // the goal is Driftless's; the peers are there to compare
      for (var g : List.of(Map.entry(Step.FIRST, 0.5), Map.entry(Step.UNCHANGED, 0.25),
          Map.entry(Step.SETTLED, 0.25))) {
        double mine = samples(results.get(tool).get(g.getKey()), r -> r.nanos() / 1e9).median();
        double theirs = samples(results.get(kubectl).get(g.getKey()), r -> r.nanos() / 1e9).median();
        double ratio = mine / theirs;
        out.append(String.format("- %s, %s: %.2f s vs kubectl %.2f s = %.2f of kubectl's time (goal at most %.2f): "
            + "%s%n", tool, g.getKey().label, mine, theirs, ratio, g.getValue(),
            ratio <= g.getValue() ? "met" : "NOT met"));
      }
    }
    return out.toString();
  }

  private static Samples samples(List<StepResult> rs, ToDoubleFunction<StepResult> f) {
    Samples s = new Samples();
    rs.forEach(r -> s.add(f.applyAsDouble(r)));
    return s;
  }

  private static String kinds(Map<String, Long> byKind) {
    return byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  static void log(String line) {
    System.err.println("[bench] " + line);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
