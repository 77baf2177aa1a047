package dev.driftless.functions;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.api.RecordingQueue;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import dev.driftless.state.Trigger;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 16: the state table unavailable. The sync function hands the message back to SQS (a batch item
 * failure) instead of losing it, applies nothing, and the redelivered message, once the table answers again, has
 * its one effect. Against moto and the real local API server.
 */
@LocalAws
@LocalKubernetes
class StateUnavailableFaultIT {

  @TempDir Path tmp;
  private final Clock clock = Clock.systemUTC();
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;

  @BeforeEach
  void start(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  @Test
  void withTheTableUnreachableTheMessageGoesBackToTheQueueAndItsRedeliveryHasOneEffect(TestNamespace ns)
      throws IOException {
    var c = local.repo.commit("blue", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("table", ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", "table", 0);
    SQSEvent event = event(new SyncMessage("table", Trigger.PUSH, c.getName(), clock.instant()));

    Reconciler.Parts down = Wiring.parts(local.settings, unreachableTable(),
        new SecretsManagerClient(local.secretsManager), (type, detail) -> { }, clock);
    SQSBatchResponse refused;
    try {
      refused = new SyncHandler(new Functions(new Reconciler(down, Wiring.options(local.settings), clock), down,
          queue, clock)).handleRequest(event, context());
    } finally {
      down.clients().close();
    }
    assertThat(refused.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .as("handed back to SQS, not lost").containsExactly("m-1");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
    assertThat(queue.sent).isEmpty();

    SQSBatchResponse redelivered = new SyncHandler(new Functions(local.reconciler(), local.parts(), queue, clock))
        .handleRequest(event, context());
    assertThat(redelivered.getBatchItemFailures()).isEmpty();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
    assertThat(local.parts().status().history("table", 10)).singleElement()
        .satisfies(h -> assertThat(h.revision()).isEqualTo(c.getName()));
  }

  private static SQSEvent event(SyncMessage message) {
    SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
    m.setMessageId("m-1");
    m.setBody(message.toJson());
    SQSEvent e = new SQSEvent();
    e.setRecords(List.of(m));
    return e;
  }

  private LocalContext context() {
    return new LocalContext("SyncFunction", Duration.ofMinutes(5), clock);
  }

  /** A DynamoDB client whose endpoint is a local port nothing listens on. */
  private static DynamoDbClient unreachableTable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).build();
  }
}
