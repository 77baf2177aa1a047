package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.apply.Annotations;
import dev.driftless.fixture.HeldRequest;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.SyncProcess;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import dev.driftless.state.AppStatus;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: the sync function killed (SIGKILL, in a process of its own) at each step of a push operation, with
 * and without a new commit pushed before it recovers. Recovery is what a deployment does: the crash check (the
 * drift-scan function with the crash-check source, here every 200 ms instead of every minute) finds the expired
 * lease and enqueues the continuation, and the sync function works the queue. Each scenario ends with the cluster
 * at the latest commit, the stored inventory holding exactly the objects that carry the Application's tracking id
 * (the dropped ones pruned, none orphaned), and a history that says the killed pass was abandoned, then the
 * operation that finished it, with its counts and its first start. Each prints its timeline in ms since the kill.
 */
@LocalAws
@LocalKubernetes
class KilledAtEachStepFaultIT {

  /** The killed pass's lease; a deployment's is 60 s, renewed every 20 s. */
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration CRASH_CHECK_EVERY = Duration.ofMillis(200);
  private static final String APP = "shop";
  private static final List<String> TIMELINES = new ArrayList<>();

  /** Where the sync process is killed, and the manifests it syncs. */
  enum Step {
    AFTER_FETCH(HeldRequest.first(), null, false, false),
    MID_WAVE(HeldRequest.at("PATCH", "/configmaps/w1-b"), SyncStep.APPLY, false, false),
    BETWEEN_WAVES(HeldRequest.at("GET", "/deployments/web").after("PATCH", "/deployments/web"), SyncStep.APPLY, false,
        false),
    MID_PRUNE(HeldRequest.at("DELETE", "/configmaps/old-a").after("DELETE", "/configmaps/old-b"), SyncStep.APPLY,
        true, false),
    MID_HOOK(HeldRequest.at("GET", "/jobs/migrate").after("PATCH", "/jobs/migrate"), SyncStep.PRE_SYNC, false, true);

    final HeldRequest hold;
    /** The step the status shows while the pass holds there (null: the pass has not reached its first step). */
    final SyncStep shown;
    /** A first commit with {@code old-a} and {@code old-b} is synced before: the killed pass prunes them. */
    final boolean pruning;
    /** A PreSync hook Job runs before the apply. */
    final boolean hook;

    Step(HeldRequest hold, SyncStep shown, boolean pruning, boolean hook) {
      this.hold = hold;
      this.shown = shown;
      this.pruning = pruning;
      this.hook = hook;
    }
  }

  @TempDir Path tmp;
  private final Clock clock = Clock.systemUTC();
  private final MemoryQueue queue = new MemoryQueue();
  private LocalDriftless local;
  private Functions fn;

  static Stream<Arguments> scenarios() {
    return Stream.of(Step.values()).flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  @AfterEach
  void close() {
    if (local != null) local.close();
  }

  @AfterAll
  static void printTimelines() {
    System.out.println("[fault] recovery after SIGKILL (lease " + LEASE.toMillis() + " ms, crash check every "
        + CRASH_CHECK_EVERY.toMillis() + " ms):\n" + String.join("\n", TIMELINES));
  }

  /** When the child was killed, at which request; when the crash check noticed it (null: it did not) and when
   * the Application had converged. */
  private record Timeline(Instant killed, String held, Instant detected, Instant converged) {
    String line(Step step, boolean newCommit, String path) {
      return String.format("%-13s new commit %-5s held at %-36s detected %6s ms, converged %6d ms (%s)", step,
          newCommit, held.replaceAll("/api[s]?/[^ ]*/namespaces/[^/]+", "..."),
          detected == null ? "-" : Long.toString(Duration.between(killed, detected).toMillis()),
          Duration.between(killed, converged).toMillis(), path);
    }
  }

  @ParameterizedTest(name = "killed {0}, new commit before recovery: {1}")
  @MethodSource("scenarios")
  void aSyncKilledAtAStepIsContinuedByTheCrashCheckAndConvergesWithACompleteInventoryAndTruthfulHistory(Step step,
      boolean newCommit, LocalClusters clusters, TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    fn = new Functions(local.reconciler(), local.parts(), queue, clock);
    local.parts().applications().put(local.application(APP, ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", APP, 0);
    if (step.pruning) {
      var r = new SyncHandler(fn).handle(push(commit(null, Commit.FIRST, step)), Instant.now().plusSeconds(120));
      assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
    }
    RevCommit killedAt = commit(step.pruning ? Commit.FIRST : null, Commit.KILLED, step);
    Timeline killed = kill(step, ns);

    Operation crashed = local.parts().status().operation(APP);
    assertThat(crashed).as("the killed pass recorded its operation").isNotNull();
    assertThat(crashed.step()).as("the step the status showed while the pass ran").isEqualTo(step.shown);
    // Written ahead of the apply: whatever the killed pass created can be pruned (before, it was written at the end).
    assertThat(local.parts().status().get(APP).inventory().entries().keySet()).extracting(ObjectKey::name)
        .as("the stored inventory at the kill").containsAll(tracked(ns));

    RevCommit latest = killedAt;
    if (newCommit) {
      latest = commit(Commit.KILLED, Commit.NEWER, step);
      queue.enqueue(push(latest), "push-" + latest.getName());
    }
    Timeline timeline = recover(killed, latest);

    Set<String> expected = names(newCommit ? Commit.NEWER : Commit.KILLED, step);
    Processes.await("the dropped objects to be gone", Duration.ofSeconds(60), () -> tracked(ns).equals(expected));
    assertThat(local.parts().status().get(APP).inventory().entries().keySet()).extracting(ObjectKey::name)
        .as("the stored inventory: every tracked object, nothing else").containsExactlyInAnyOrderElementsOf(expected);
    assertThat(configMap(ns, "w0-a").getData()).containsEntry("mode", newCommit ? "newer" : "killed");
    String path = assertHistoryTellsWhatHappened(step, crashed, timeline, killedAt, latest);

    String line = timeline.line(step, newCommit, path);
    System.out.println("[fault] " + line);
    TIMELINES.add(line);
  }

  /** Runs the push in a child process, holds it at the step's request and kills it there. */
  private Timeline kill(Step step, TestNamespace ns) {
    try (SyncProcess child = SyncProcess.start(local, APP, step.hold, LEASE, tmp.resolve("child"))) {
      String held = child.awaitHeld(Duration.ofMinutes(2));
      if (step == Step.MID_WAVE) {
        Processes.await("w1-a, the wave's other object, to be applied", Duration.ofSeconds(30),
            () -> configMap(ns, "w1-a") != null);
        assertThat(configMap(ns, "w1-b")).as("killed between two objects of one wave").isNull();
      }
      if (step == Step.MID_PRUNE) {
        Processes.await("old-b, pruned first, to be deleted", Duration.ofSeconds(30), () -> {
          ConfigMap cm = configMap(ns, "old-b");
          return cm == null || cm.getMetadata().getDeletionTimestamp() != null;
        });
      }
      return new Timeline(child.kill(), held, null, null);
    }
  }

  /**
   * What the deployment does after the kill, until the Application is synced to {@code latest}: the crash check on
   * its schedule, the sync function on every message queued (pushes, continuations, retries).
   */
  private Timeline recover(Timeline killed, RevCommit latest) {
    Instant detected = null;
    Instant bound = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      assertThat(Instant.now()).as("converged within 2 minutes of the kill").isBefore(bound);
      if (detected == null && crashCheck().equals("continued 1 of 1")) detected = Instant.now();
      List<SyncMessage> due = new ArrayList<>(queue.drainNow());
      due.addAll(queue.drainLater());
      for (SyncMessage m : due) new SyncHandler(fn).handle(m, Instant.now().plus(Duration.ofMinutes(2)));
      AppStatus st = local.parts().status().get(APP);
      if (due.isEmpty() && st.lastResult() == OperationResult.SUCCEEDED && latest.getName().equals(st.revision())) {
        return new Timeline(killed.killed(), killed.held(), detected, Instant.now());
      }
      pause();
    }
  }

  /**
   * One abandoned entry for the killed pass, naming its step; no failure; a success at the latest commit; and,
   * when the crash check's continuation finished the operation, its entry with its first start and counts. Returns
   * which pass took over: the continuation, or the retried push when it took the lease first.
   */
  private String assertHistoryTellsWhatHappened(Step step, Operation crashed, Timeline timeline, RevCommit killedAt,
      RevCommit latest) {
    List<HistoryEntry> history = local.parts().status().history(APP, 20);
    List<HistoryEntry> abandoned = history.stream().filter(h -> h.result() == OperationResult.ABANDONED).toList();
    assertThat(abandoned).as("abandoned entries in %s", history).hasSize(1);
    assertThat(abandoned.get(0).message()).startsWith("abandoned: the function stopped at step "
        + (step.shown == null ? "start" : step.shown.name()));
    assertThat(abandoned.get(0).startedAt()).as("the killed pass's start")
        .isBetween(crashed.startedAt(), timeline.killed());
    assertThat(history).filteredOn(h -> h.result() == OperationResult.FAILED).isEmpty();
    assertThat(history).filteredOn(h -> h.result() == OperationResult.SUCCEEDED)
        .anySatisfy(h -> assertThat(h.revision()).isEqualTo(latest.getName()));
    if (abandoned.get(0).message().endsWith("; replaced by a push operation")) {
      // The setup's sync of the first commit (before a prune) succeeded too: only what ran after the kill counts.
      assertThat(history).filteredOn(h -> h.result() == OperationResult.SUCCEEDED
              && h.startedAt().isAfter(crashed.startedAt())).singleElement()
          .as("the push that replaced it").satisfies(h -> {
            assertThat(h.revision()).isEqualTo(latest.getName());
            assertThat(h.startedAt()).isAfter(timeline.killed());
            assertThat(h.counts()).isNotEmpty();
          });
      return "replaced by the push";
    }

    assertThat(abandoned.get(0).message()).endsWith("; continued");
    assertThat(timeline.detected()).as("the crash check noticed the killed pass").isNotNull();
    HistoryEntry continued = history.stream().filter(h -> h.id().equals(crashed.id())).findFirst()
        .orElseThrow(() -> new AssertionError("no entry of the continued operation: " + history));
    assertThat(continued.result()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(continued.startedAt()).as("its first start").isEqualTo(crashed.startedAt());
    assertThat(continued.counts()).as("its counts").isNotEmpty();
    // Once past its first step, a pass is pinned to the commit it fetched: its continuation deploys that one.
    assertThat(continued.revision()).isEqualTo(step.shown == null ? latest.getName() : killedAt.getName());
    return "continued";
  }

  /** The commits of a scenario: one synced before (when pruning), the one killed, one pushed after the kill. */
  private enum Commit { FIRST, KILLED, NEWER }

  /** The repository's files at a commit, by path. */
  private static Map<String, String> manifests(Commit commit, Step step) {
    String mode = commit.name().toLowerCase(Locale.ROOT);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("apps/web/w0-a.yaml", configMap("w0-a", 0, mode));
    files.put("apps/web/web.yaml", DEPLOY);
    files.put("apps/web/w1-b.yaml", configMap("w1-b", 1, mode));
    if (commit == Commit.NEWER) {
      files.put("apps/web/c-new.yaml", configMap("c-new", 0, mode));
    } else {
      files.put("apps/web/w1-a.yaml", configMap("w1-a", 1, mode));
      files.put("apps/web/w2-a.yaml", configMap("w2-a", 2, mode));
    }
    if (step.pruning && commit == Commit.FIRST) {
      files.put("apps/web/old-a.yaml", configMap("old-a", 0, mode));
      files.put("apps/web/old-b.yaml", configMap("old-b", 0, mode));
    }
    if (step.hook && commit != Commit.FIRST) files.put("apps/web/migrate.yaml", HOOK);
    return files;
  }

  /** Commits {@code commit}'s files, deleting those of {@code before} it does not have. */
  private RevCommit commit(Commit before, Commit commit, Step step) {
    Map<String, String> files = new LinkedHashMap<>();
    if (before != null) manifests(before, step).keySet().forEach(path -> files.put(path, null));
    files.putAll(manifests(commit, step));
    return local.repo.commit(commit.name(), files);
  }

  /** The names a commit's objects carry (the hook Job is no tracked object). */
  private static Set<String> names(Commit commit, Step step) {
    Set<String> names = new TreeSet<>();
    manifests(commit, step).forEach((path, content) -> {
      if (!path.endsWith("migrate.yaml")) {
        names.add(path.substring(path.lastIndexOf('/') + 1).replace(".yaml", ""));
      }
    });
    return names;
  }

  private static String configMap(String name, int wave, String mode) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          annotations: {argocd.argoproj.io/sync-wave: "%d"}
        data: {mode: %s}
        """.formatted(name, wave, mode);
  }

  private static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        annotations: {argocd.argoproj.io/sync-wave: "0"}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: registry.example/web:1.0}]}
      """;

  private static final String HOOK = """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
        annotations: {argocd.argoproj.io/hook: PreSync}
      spec:
        backoffLimit: 0
        template:
          spec:
            restartPolicy: Never
            containers: [{name: migrate, image: registry.example/migrate:1}]
      """;

  /** The names of the ConfigMaps and Deployments in the namespace that carry the Application's tracking id. */
  private static Set<String> tracked(TestNamespace ns) {
    List<HasMetadata> all = new ArrayList<>(ns.client().configMaps().inNamespace(ns.name()).list().getItems());
    all.addAll(ns.client().apps().deployments().inNamespace(ns.name()).list().getItems());
    Set<String> names = new TreeSet<>();
    for (HasMetadata o : all) {
      var annotations = o.getMetadata().getAnnotations();
      ObjectKey.TrackedBy t = annotations == null ? null
          : ObjectKey.parseTrackingId(annotations.get(Annotations.TRACKING_ID));
      if (t != null && t.application().equals(APP)) names.add(o.getMetadata().getName());
    }
    return names;
  }

  private static ConfigMap configMap(TestNamespace ns, String name) {
    return ns.client().configMaps().inNamespace(ns.name()).withName(name).get();
  }

  private SyncMessage push(RevCommit commit) {
    return new SyncMessage(APP, Trigger.PUSH, commit.getName(), clock.instant());
  }

  /** The one-minute crash check, as its schedule sends it. */
  private String crashCheck() {
    ScheduledEvent event = new ScheduledEvent();
    event.setSource(DriftScanHandler.CRASH_CHECK);
    return new DriftScanHandler(fn).handleRequest(event, new LocalContext("crash-check", Duration.ofMinutes(1), clock));
  }

  private static void pause() {
    try {
      Thread.sleep(CRASH_CHECK_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
