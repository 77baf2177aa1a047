package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.TestClock;
import dev.driftless.model.SyncStep;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AppStatus;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A pass that takes over the lease of a crashed pass records the crashed pass as abandoned: also when that lease ran
 * out after the new pass started but before it took the lease (the after-fetch fault scenario with a push retried
 * at once found it), and also when the new pass is a scan that heals the Application. Against moto and the local API server; the clock moves while the new pass reads
 * the status, as time does between its start and its lease.
 */
@LocalAws
@LocalKubernetes
class LeaseTakeoverIT {

  @TempDir Path tmp;
  private LocalDriftless local;

  @AfterEach
  void close() {
    local.close();
  }

  /** Parts over the table whose clock moves {@code armed} seconds while a pass reads the status. */
  private Reconciler.Parts parts(TestClock clock, AtomicLong armed) {
    DynamoDbClient ddb = DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetItemRequest get && "STATUS".equals(get.key().get("sk").s())) {
              clock.advance(Duration.ofSeconds(armed.getAndSet(0)));
            }
          }
        })).build();
    return Wiring.parts(local.settings, ddb, new SecretsManagerClient(local.secretsManager), (type, detail) -> { },
        clock);
  }

  /** The status and lease a pass killed mid-apply leaves: running, its lease's term ending at {@code until}. */
  private static Operation crashed(Reconciler.Parts parts, TestClock clock, Instant started, Instant until) {
    Operation crashed = Operation.start("op-crashed", Trigger.PUSH, null, started).at(SyncStep.APPLY)
        .running(started, until);
    AppStatus st = parts.status().get("web");
    parts.status().put("c1", st.ended(st.sync(), st.health(), crashed, OperationResult.RUNNING, "running", started));
    parts.leases().acquire("web", crashed.id() + "/pass", Duration.between(clock.instant(), until));
    return crashed;
  }

  private void register(TestNamespace ns, String policy) {
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("web", ns.name()) + "  syncPolicy: " + policy + "\n", "web",
        0);
  }

  private static void assertAbandoned(Reconciler.Parts parts, Operation crashed, String then) {
    assertThat(parts.status().history("web", 10)).extracting(HistoryEntry::result)
        .containsExactlyInAnyOrder(OperationResult.ABANDONED, OperationResult.SUCCEEDED);
    assertThat(parts.status().history("web", 10)).filteredOn(h -> h.result() == OperationResult.ABANDONED)
        .singleElement().satisfies(h -> assertThat(h.message()).isEqualTo("abandoned: the function stopped at step "
            + "APPLY (lease expired at " + crashed.leaseUntil() + "); " + then));
  }

  @Test
  void aPassTakingOverALeaseThatRanOutAfterItStartedRecordsTheCrashedPassAsAbandoned(LocalClusters clusters,
      TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    register(ns, "{automated: {prune: true}}");
    Instant start = Instant.now();
    TestClock clock = new TestClock(start);
    AtomicLong armed = new AtomicLong();
    Reconciler.Parts parts = parts(clock, armed);
    try {
      // The crashed pass's lease runs out 5 s after the new pass starts, while it reads the status.
      Operation crashed = crashed(parts, clock, start.minusSeconds(60), start.plusSeconds(5));
      armed.set(10);
      ReconcileResult r = new Reconciler(parts, Wiring.options(local.settings), clock)
          .reconcile(new ReconcileRequest("web", Trigger.PUSH, null, null), start.plus(Duration.ofMinutes(10)));

      assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
      assertAbandoned(parts, crashed, "replaced by a push operation");
    } finally {
      parts.clients().close();
    }
  }

  @Test
  void aSelfHealingScanThatTakesOverACrashedPassRecordsItAsAbandoned(LocalClusters clusters, TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    register(ns, "{automated: {prune: true, selfHeal: true}}");
    Instant start = Instant.now();
    TestClock clock = new TestClock(start);
    Reconciler.Parts parts = parts(clock, new AtomicLong());
    try {
      // Killed before it applied anything; its lease ran out a minute ago. A scan finds the Application drifted.
      Operation crashed = crashed(parts, clock, start.minusSeconds(120), start.minusSeconds(60));
      ReconcileResult r = new Reconciler(parts, Wiring.options(local.settings), clock)
          .reconcile(new ReconcileRequest("web", Trigger.SCHEDULE, null, null), start.plus(Duration.ofMinutes(10)));

      assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
      assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNotNull();
      assertAbandoned(parts, crashed, "replaced by a schedule operation");
    } finally {
      parts.clients().close();
    }
  }
}
