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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A pass that takes over the lease of a crashed pass, when that lease runs out after the new pass started but
 * before it took the lease (the after-fetch fault scenario with a push retried at once found it): the crashed pass
 * still gets its abandoned entry. Against moto and the local API server; the clock moves while the new pass reads
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

  @Test
  void aPassTakingOverALeaseThatRanOutAfterItStartedRecordsTheCrashedPassAsAbandoned(LocalClusters clusters,
      TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("web", ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", "web", 0);
    Instant start = Instant.now();
    TestClock clock = new TestClock(start);
    AtomicBoolean armed = new AtomicBoolean();
    DynamoDbClient ddb = DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetItemRequest get && "STATUS".equals(get.key().get("sk").s())
                && armed.compareAndSet(true, false)) {
              clock.advance(Duration.ofSeconds(10));
            }
          }
        })).build();
    Reconciler.Parts parts = Wiring.parts(local.settings, ddb, new SecretsManagerClient(local.secretsManager),
        (type, detail) -> { }, clock);
    try {
      // The crashed pass: running under a lease whose term ends 5 s after the new pass starts.
      Operation crashed = Operation.start("op-crashed", Trigger.PUSH, null, start.minusSeconds(60))
          .at(SyncStep.APPLY).running(start.minusSeconds(60), start.plusSeconds(5));
      AppStatus st = parts.status().get("web");
      parts.status().put(st.ended(st.sync(), st.health(), crashed, OperationResult.RUNNING, "running",
          start.minusSeconds(60)));
      parts.leases().acquire("web", crashed.id() + "/pass", Duration.ofSeconds(5));

      armed.set(true);
      ReconcileResult r = new Reconciler(parts, Wiring.options(local.settings), clock)
          .reconcile(new ReconcileRequest("web", Trigger.PUSH, null, null), start.plus(Duration.ofMinutes(10)));

      assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
      assertThat(parts.status().history("web", 10)).extracting(HistoryEntry::result)
          .containsExactlyInAnyOrder(OperationResult.ABANDONED, OperationResult.SUCCEEDED);
      assertThat(parts.status().history("web", 10)).filteredOn(h -> h.result() == OperationResult.ABANDONED)
          .singleElement().satisfies(h -> assertThat(h.message())
              .isEqualTo("abandoned: the function stopped at step APPLY (lease expired at " + crashed.leaseUntil()
                  + "); replaced by a push operation"));
    } finally {
      parts.clients().close();
    }
  }
}
