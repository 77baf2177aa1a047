package dev.driftless.functions.events;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.reconcile.DetailType;
import dev.driftless.reconcile.EventBridgeSink;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.source.TestRepo;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The events a subscriber receives, through an EventBridge rule with an SQS target on moto, validate against
 * their schemas in docs/events/: a sync that starts and succeeds, a scan that finds an object deleted (no selfHeal: drift), a sync that fails.
 */
@LocalAws
@LocalKubernetes
class EventSchemasIT {

  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();
  private final EventBridgeClient eventBridge = EventBridgeClient.create();
  private final SqsClient sqs = SqsClient.create();
  private final String bus = "events-" + UUID.randomUUID();
  private LocalDriftless local;
  private KubernetesClient c1;
  private String ns;

  @BeforeEach
  void wire(LocalClusters clusters) {
    eventBridge.createEventBus(r -> r.name(bus));
    local = LocalDriftless.start(tmp, new EventBridgeSink(eventBridge, bus)).withClusters(clusters, "c1");
    c1 = clusters.client("c1");
    ns = "events-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanup() {
    c1.namespaces().withName(ns).delete();
    local.close();
  }

  @Test
  void everyEventEmittedBySyncsScansAndFailuresValidatesAgainstItsSchema() throws Exception {
    String queue = eventQueue();
    register("synced", "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}");
    var good = local.repo.commit("web", TestRepo.files("apps/web/config.yaml", CONFIG));
    Instant deadline = Instant.now().plusSeconds(120);
    local.reconciler().reconcile(ReconcileRequest.push("synced", good.getName()), deadline);
    c1.configMaps().inNamespace(ns).withName("settings").delete();
    local.reconciler().reconcile(ReconcileRequest.scan("synced"), deadline);
    var broken = local.repo.commit("broken", TestRepo.files("apps/web/config.yaml", "kind: [unclosed"));
    local.reconciler().reconcile(ReconcileRequest.push("synced", broken.getName()), deadline);

    List<JsonNode> events = drain(queue, 4);
    assertThat(events).extracting(e -> e.path("detail-type").asText())
        .containsExactlyInAnyOrder("Sync Started", "Sync Succeeded", "Drift Detected", "Sync Failed");
    for (JsonNode e : events) {
      DetailType type = DetailType.valueOf(e.path("detail-type").asText().toUpperCase().replace(' ', '_'));
      assertThat(EventSchema.of(type).violations(e)).as(type.word()).isEmpty();
    }
  }

  private void register(String name, String policy) {
    local.parts().applications().put(local.application(name, ns)
        .replace("destination:", "syncPolicy: " + policy + "\n  destination:"), name, 0);
  }

  /** An SQS queue that receives every event on the test's bus, through a rule, as a subscriber's would. */
  private String eventQueue() {
    String url = sqs.createQueue(r -> r.queueName("events-" + UUID.randomUUID())).queueUrl();
    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    eventBridge.putRule(r -> r.name("all").eventBusName(bus).eventPattern("{\"source\": [\"driftless\"]}"));
    eventBridge.putTargets(r -> r.rule("all").eventBusName(bus).targets(t -> t.id("queue").arn(arn)));
    return url;
  }

  /** The events on the queue, waiting (long polls, a bounded number) until {@code expected} arrived. */
  private List<JsonNode> drain(String queueUrl, int expected) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (int i = 0; i < 20 && all.size() < expected; i++) {
      for (var m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages()) {
        all.add(json.readTree(m.body()));
      }
    }
    return all;
  }
}
