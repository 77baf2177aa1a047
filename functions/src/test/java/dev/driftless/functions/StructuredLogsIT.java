package dev.driftless.functions;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.SampleManifests;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.source.TestRepo;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sync function writes on standard output for a push that deploys a Secret from Secrets Manager: every
 * line is JSON; the log lines carry the Application, operation, trigger, revision and cluster; the metric lines
 * are embedded-metric-format; the secret's value is in none of them.
 */
@LocalAws
@LocalKubernetes
class StructuredLogsIT {

  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();
  private LocalDriftless local;
  private SyncHandler sync;
  private KubernetesClient c1;
  private String ns;

  @BeforeEach
  void wire(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    sync = new SyncHandler(new Functions(local.reconciler(), local.parts(), new MemoryQueue(), Clock.systemUTC()));
    c1 = clusters.client("c1");
    ns = "logs-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanup() {
    c1.namespaces().withName(ns).delete();
    local.close();
  }

  @Test
  void everyLineTheSyncFunctionWritesIsJsonWithTheOperationsContextAndNoSecretValue() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    String secretId = "driftless/refs/logs/db-" + UUID.randomUUID();
    local.secretsManager.createSecret(s -> s.name(secretId).secretString("{\"password\": \"" + canary + "\"}"));
    var commit = local.repo.commit("web with db", TestRepo.files("apps/web/config.yaml", CONFIG,
        "apps/web/db.yaml", SampleManifests.dbSecret(secretId)));
    local.parts().applications().put(local.application("web", ns).replace("destination:",
        "syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}\n  destination:"), "web", 0);
    SyncMessage push = new SyncMessage("web", Trigger.PUSH, commit.getName(), Instant.now(), null, "delivery-1");

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    SQSBatchResponse r;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      r = sync.handleRequest(event(push, Instant.now().minusSeconds(3)),
          new LocalContext("test", Duration.ofMinutes(5), Clock.systemUTC()));
    } finally {
      System.setOut(out);
    }
    String written = captured.toString(StandardCharsets.UTF_8);

    assertThat(r.getBatchItemFailures()).isEmpty();
    assertThat(c1.secrets().inNamespace(ns).withName("db").get()).as("the sync applied the Secret").isNotNull();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : written.split("\n")) {
      if (!line.isBlank()) lines.add(json.readTree(line));
    }
    List<JsonNode> logs = lines.stream().filter(l -> l.has("level")).toList();
    List<JsonNode> metrics = lines.stream().filter(l -> l.has("_aws")).toList();
    assertThat(lines).hasSize(logs.size() + metrics.size());
    assertThat(logs).isNotEmpty().allSatisfy(l -> {
      assertThat(l.path("application").asText()).isEqualTo("web");
      assertThat(l.path("trigger").asText()).isEqualTo("push");
      assertThat(l.path("revision").asText()).isEqualTo(commit.getName());
    });
    JsonNode ended = logs.get(logs.size() - 1);
    assertThat(ended.path("operation").asText()).isNotBlank();
    assertThat(ended.path("cluster").asText()).isEqualTo("c1");
    assertThat(metrics).anySatisfy(m -> {
      assertThat(m.path("Result").asText()).isEqualTo("succeeded");
      assertThat(m.path("Syncs").asLong()).isEqualTo(1);
      assertThat(m.path("Operation").asText()).isEqualTo(ended.path("operation").asText());
    });
    assertThat(metrics).anySatisfy(m -> assertThat(m.path("QueueAge").asLong()).isGreaterThanOrEqualTo(3000));
    assertThat(written).doesNotContain(canary);
  }

  /** One SQS record for {@code m}, sent at {@code sent} as SQS's SentTimestamp attribute says. */
  private static SQSEvent event(SyncMessage m, Instant sent) {
    SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
    r.setMessageId(UUID.randomUUID().toString());
    r.setAttributes(Map.of("MessageGroupId", m.application(), "ApproximateReceiveCount", "1",
        "SentTimestamp", Long.toString(sent.toEpochMilli())));
    r.setBody(m.toJson());
    SQSEvent e = new SQSEvent();
    e.setRecords(List.of(r));
    return e;
  }
}
