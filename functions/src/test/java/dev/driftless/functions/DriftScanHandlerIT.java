package dev.driftless.functions;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.api.ApiEvents;
import dev.driftless.functions.api.RecordingQueue;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.model.SyncStep;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AccessStore;
import dev.driftless.state.AppStatus;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.LeaseStore;
import dev.driftless.state.Operation;
import dev.driftless.state.OperationResult;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The crash check notices an operation whose pass crashed (its lease expired while its status says it runs) and
 * enqueues its continuation at once; the continuation records the abandoned pass and finishes. The scan leaves
 * crashed operations to it and sends cluster scans only. Against moto and the local control plane.
 */
@LocalAws
@LocalKubernetes
class DriftScanHandlerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;
  private Reconciler.Parts parts;
  private Functions fn;

  @BeforeEach
  void wire(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    parts = local.parts();
    fn = new Functions(local.reconciler(), parts, queue, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    local.close();
  }

  private void register(String name, String namespace) {
    parts.applications().put(local.application(name, namespace) + "  syncPolicy: {automated: {prune: true}}\n",
        name, 0);
  }

  /** The status a function leaves when it is killed after its pass started: running, under a lease. */
  private Operation passStarted(String app, Instant at, Duration lease) {
    Operation op = Operation.start("op-" + app, Trigger.PUSH, null, at).at(SyncStep.APPLY)
        .running(at, at.plus(lease));
    AppStatus st = parts.status().get(app);
    parts.status().put("c1", st.ended(st.sync(), st.health(), op, OperationResult.RUNNING, "running", at));
    parts.leases().acquire(app, op.id(), Duration.ofMillis(1));
    return op;
  }

  private void scan() {
    new DriftScanHandler(fn).handleRequest(new ScheduledEvent(),
        new LocalContext("scan", Duration.ofMinutes(1), Clock.systemUTC()));
  }

  /**
   * {@code at}, or {@code at} moved by {@code shift} when it falls in the first minute of an hour: a crash check
   * then that reads the index of operations in flight, not every Application's status (the hourly sweep).
   */
  private static Instant offTheHour(Instant at, Duration shift) {
    return at.atZone(ZoneOffset.UTC).getMinute() == 0 ? at.plus(shift) : at;
  }

  /** The one-minute crash check, as its schedule sends it at {@code at}. */
  private String crashCheck(Instant at) {
    ScheduledEvent event = new ScheduledEvent();
    event.setSource(DriftScanHandler.CRASH_CHECK);
    event.setTime(new DateTime(at.toEpochMilli()));
    return new DriftScanHandler(fn).handleRequest(event,
        new LocalContext("crash-check", Duration.ofMinutes(1), Clock.systemUTC()));
  }

  private RecordingQueue.Sent sentFor(String app) {
    return queue.sent.stream().filter(s -> s.message().application().equals(app)).findFirst().orElseThrow();
  }

  @Test
  void theCrashCheckContinuesAnOperationWhoseLeaseExpiredTheScanDoesNotAndTheContinuationRecordsTheAbandonedPass(
      TestNamespace ns) {
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("crashed", ns.name());
    register("live", ns.name());
    register("idle", ns.name());
    Instant now = Instant.now();
    Operation crashed = passStarted("crashed", now.minusSeconds(400), Duration.ofSeconds(330));
    passStarted("live", now, Duration.ofMinutes(5));

    scan();
    assertThat(queue.sent).as("the scan reads no status: crashed operations are the crash check's").isEmpty();
    assertThat(queue.scans).singleElement().satisfies(s -> {
      assertThat(s.message().cluster()).isEqualTo("c1");
      assertThat(s.message().applications()).containsExactly("crashed", "idle", "live");
    });
    queue.scans.clear();

    assertThat(crashCheck(offTheHour(Instant.now(), Duration.ofMinutes(1)))).as("the two operations in flight")
        .isEqualTo("continued 1 of 2");
    RecordingQueue.Sent continuation = sentFor("crashed");
    assertThat(continuation.message().trigger()).isEqualTo(Trigger.CONTINUE);
    assertThat(continuation.message().operationId()).isEqualTo(crashed.id());
    assertThat(queue.sent).as("a pass whose lease holds is left alone").singleElement();
    assertThat(queue.scans).as("the crash check enqueues no scan").isEmpty();

    SyncHandler worker = new SyncHandler(fn);
    var result = worker.handle(continuation.message(), Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(result.result()).as(result.message()).isEqualTo(OperationResult.SUCCEEDED);
    List<HistoryEntry> history = parts.status().history("crashed", 10);
    assertThat(history).extracting(HistoryEntry::result)
        .containsExactlyInAnyOrder(OperationResult.ABANDONED, OperationResult.SUCCEEDED);
    assertThat(history).filteredOn(h -> h.result() == OperationResult.ABANDONED).singleElement()
        .satisfies(h -> assertThat(h.message()).startsWith("abandoned: the function stopped at step APPLY"));
    assertThat(history).filteredOn(h -> h.result() == OperationResult.SUCCEEDED).singleElement()
        .satisfies(h -> assertThat(h.startedAt()).isEqualTo(crashed.startedAt()));

    queue.sent.clear();
    assertThat(crashCheck(offTheHour(Instant.now(), Duration.ofMinutes(1)))).as("the live one alone")
        .isEqualTo("continued 0 of 1");
    assertThat(queue.sent).as("once continued, nothing to continue").isEmpty();
  }

  @Test
  void theCrashCheckContinuesAPassWhoseShortLeaseWasNotRenewedAndLeavesARenewedOneAndTheScansAlone(TestNamespace ns)
      throws InterruptedException {
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    register("killed", ns.name());
    register("renewed", ns.name());
    register("idle", ns.name());
    Instant start = Instant.now().minusSeconds(120);
    // Both passes recorded a first term long gone; the renewed one's lease item was extended since.
    passStarted("renewed", start, Duration.ofSeconds(60));
    LeaseStore.Lease renewed = parts.leases().current("renewed").orElseThrow();
    parts.leases().renew(renewed, Duration.ofMinutes(5));
    // The killed pass took its short lease and was never renewed.
    Operation killed = passStarted("killed", start, Duration.ofSeconds(60));
    LeaseStore.Lease last = parts.leases().acquire("killed", killed.id() + "/pass", Duration.ofSeconds(3));

    assertThat(crashCheck(offTheHour(last.expiresAt().minusSeconds(2), Duration.ofMinutes(-1))))
        .isEqualTo("continued 0 of 2");
    assertThat(queue.sent).as("while its lease holds, the killed pass is not taken for crashed").isEmpty();
    awaitExpired(last);

    assertThat(crashCheck(offTheHour(Instant.now(), Duration.ofMinutes(1)))).isEqualTo("continued 1 of 2");
    assertThat(queue.sent).as("the crash check enqueues no scan, only the continuation").singleElement()
        .satisfies(sent -> {
          assertThat(sent.message().application()).isEqualTo("killed");
          assertThat(sent.message().trigger()).isEqualTo(Trigger.CONTINUE);
          assertThat(sent.message().operationId()).isEqualTo(killed.id());
        });
    var result = new SyncHandler(fn).handle(queue.sent.get(0).message(), Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(result.result()).as(result.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(parts.status().history("killed", 10)).extracting(HistoryEntry::result)
        .containsExactlyInAnyOrder(OperationResult.ABANDONED, OperationResult.SUCCEEDED);
  }

  private static void awaitExpired(LeaseStore.Lease lease) throws InterruptedException {
    Instant bound = lease.expiresAt().plusSeconds(30);
    while (lease.heldAt(Instant.now())) {
      assertThat(Instant.now()).as("lease of " + lease.holder() + " expired within 30 s of its term").isBefore(bound);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @Test
  void theCrashCheckReadsNoStatusOfAnIdleApplicationAndTheHourlySweepFindsAnOperationWhoseIndexItemWasLost(
      TestNamespace ns) {
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    for (String app : List.of("idle-1", "idle-2", "idle-3", "lost")) register(app, ns.name());
    Instant now = offTheHour(Instant.now(), Duration.ofMinutes(1));
    Operation lost = passStarted("lost", now.minusSeconds(400), Duration.ofSeconds(330));
    local.ddb.deleteItem(r -> r.tableName(local.settings.table()).key(Map.of("pk", AttributeValue.fromS("OPS"),
        "sk", AttributeValue.fromS("APP#lost"))));

    long reads = local.tableRequests.count(Set.of("GetItem", "BatchGetItem"));
    assertThat(crashCheck(now)).isEqualTo("continued 0 of 0");
    assertThat(local.tableRequests.count(Set.of("GetItem", "BatchGetItem"))).as("no status item read")
        .isEqualTo(reads);
    assertThat(queue.sent).isEmpty();

    Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    assertThat(crashCheck(nextHour)).as("every Application's status").isEqualTo("continued 1 of 4");
    assertThat(sentFor("lost").message().operationId()).isEqualTo(lost.id());
  }

  @Test
  void theApiShowsARunningOperationWithItsStepLeaseAndTheCountsSavedSoFar(TestNamespace ns) throws Exception {
    register("live", ns.name());
    Operation started = passStarted("live", Instant.now(), Duration.ofMinutes(5));
    // An earlier pass saved its counts (create 2, configure 1) and stopped before wave 2; this one resumes there.
    Operation op = started.counted(Map.of("create", 2, "configure", 1)).heldAt(SyncStep.APPLY, 2)
        .running(Instant.now(), started.leaseUntil());
    AppStatus st = parts.status().get("live");
    parts.status().put("c1", st.ended(st.sync(), st.health(), op, OperationResult.RUNNING, "running", Instant.now()));
    var r = new ApiHandler(fn, new AccessStore(local.ddb, local.settings.table(), Clock.systemUTC()),
        ApiEvents.admins()).handleRequest(ApiEvents.event("GET", "/api/applications/live", null),
        new LocalContext("api", Duration.ofSeconds(60), Clock.systemUTC()));
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    JsonNode shown = JSON.readTree(r.getBody()).path("status").path("operation");
    assertThat(shown.path("running").asBoolean()).isTrue();
    assertThat(shown.path("step").asText()).isEqualTo("APPLY");
    assertThat(shown.path("leaseUntil").asText()).isEqualTo(op.leaseUntil().toString());
    assertThat(shown.path("startedAt").asText()).isEqualTo(op.startedAt().toString());
    assertThat(shown.path("counts")).isEqualTo(JSON.readTree("{\"configure\": 1, \"create\": 2}"));
    assertThat(shown.path("wave").asInt()).as("the wave the held attempt waits to apply").isEqualTo(2);
  }
}
