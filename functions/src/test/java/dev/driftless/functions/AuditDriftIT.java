package dev.driftless.functions;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.TestClock;
import dev.driftless.functions.audit.AuditReceiver;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Drift seen through the clusters' audit logs, on the real local API servers (which post their audit events
 * through scripts/audit-forward to an {@link AuditCapture}), moto, and Driftless registered as the clusters'
 * second user, {@code driftless}, while the test writes as {@code admin}: the batches the API server really sent
 * are handed to the audit webhook handler (or, wrapped as EKS would, to the CloudWatch Logs handler), and the
 * reconciles they queue are run by the sync handler.
 */
@LocalAws
@LocalKubernetes
class AuditDriftIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "web";

  @TempDir Path tmp;
  private final MemoryQueue queue = new MemoryQueue();
  private LocalDriftless local;
  private Functions fn;
  private AuditWebhookHandler handler;
  private AuditCapture capture;
  private AutoCloseable auditing;
  private KubernetesClient c1;
  private String ns;

  @BeforeEach
  void wire(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClustersAsDriftless(clusters, "c1", "c2");
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    for (String cluster : List.of("c1", "c2")) storeAuditToken(cluster, clusters.auditToken(cluster));
    handler = new AuditWebhookHandler(fn, new SecretsManagerClient(local.secretsManager), SecretLayout.defaults(),
        WebhookOptions.defaults());
    capture = new AuditCapture();
    auditing = clusters.sendAuditTo(capture.url());
    c1 = clusters.client("c1");
    ns = "audit-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanup() throws Exception {
    auditing.close();
    capture.close();
    c1.namespaces().withName(ns).delete();
    local.close();
  }

  private void storeAuditToken(String cluster, String token) {
    String name = SecretLayout.defaults().auditWebhooks() + cluster;
    try {
      local.secretsManager.createSecret(r -> r.name(name).secretString(token));
    } catch (ResourceExistsException e) {
      local.secretsManager.putSecretValue(r -> r.secretId(name).secretString(token));
    }
  }

  /** Registers {@link #APP} (a Deployment of 2 and a ConfigMap) on c1 and syncs it as Driftless. */
  private void deployed(String policy) {
    local.repo.commit("web", TestRepo.files("apps/web/deploy.yaml", DEPLOY, "apps/web/config.yaml", CONFIG));
    register(APP, "c1", policy);
    var r = fn.reconciler().reconcile(ReconcileRequest.manual(APP), Instant.now().plus(Duration.ofMinutes(3)));
    assertThat(r.result()).as(r.message()).isEqualTo(OperationResult.SUCCEEDED);
  }

  private void register(String app, String cluster, String policy) {
    fn.parts().applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: %s, namespace: %s}
          syncPolicy: {automated: %s, syncOptions: [CreateNamespace=true]}
        """.formatted(app, local.repo.fileUrl(), cluster, ns, policy), app, 0);
  }

  /** Hands every batch c1 posted so far to the audit webhook handler; returns how many reconciles they queued. */
  private int deliverAudit() throws Exception {
    int queued = 0;
    for (AuditCapture.Posted p : capture.posted()) {
      if (!p.path().equals("/audit/c1")) continue;
      APIGatewayV2HTTPResponse r = handler.handleRequest(p.asEvent(), context());
      assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
      queued += JSON.readTree(r.getBody()).path("queued").asInt();
    }
    return queued;
  }

  private static LocalContext context() {
    return new LocalContext("AuditFunction", Duration.ofMinutes(1), Clock.systemUTC());
  }

  private void scaledByAdmin(int replicas) {
    c1.apps().deployments().inNamespace(ns).withName("web").scale(replicas);
    capture.await("the scale of web", "c1", AuditCapture.write("update,patch", "deployments", "scale", ns, "web"));
  }

  private int replicas() {
    return c1.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas();
  }

  private HistoryEntry last() {
    return fn.parts().status().history(APP, 1).get(0);
  }

  @Test
  void aScaleByAnotherUserIsRevertedWithSelfHealAndHistoryNamesTheAuditedWrite() throws Exception {
    deployed("{prune: true, selfHeal: true}");
    scaledByAdmin(5);

    deliverAudit();

    List<SyncMessage> queued = queue.drainNow();
    assertThat(queued).singleElement().satisfies(m -> {
      assertThat(m.application()).isEqualTo(APP);
      assertThat(m.trigger()).isEqualTo(Trigger.AUDIT);
      assertThat(m.deliveryId()).matches("audit c1 admin (update|patch) deployments\\.apps/scale " + ns + "/web");
    });
    new SyncHandler(fn).handle(queued.get(0), Instant.now().plus(Duration.ofMinutes(3)));
    assertThat(replicas()).as("reverted to Git's 2").isEqualTo(2);
    HistoryEntry h = last();
    assertThat(h.trigger()).isEqualTo(Trigger.AUDIT);
    assertThat(h.result()).as(h.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(h.deliveryId()).isEqualTo(queued.get(0).deliveryId());
  }

  @Test
  void aBurstOfWritesToOneApplicationQueuesOneReconcilePerCoalescingBucket() throws Exception {
    deployed("{prune: true, selfHeal: true}");
    scaledByAdmin(5);
    c1.apps().deployments().inNamespace(ns).withName("web").edit(d -> {
      d.getSpec().setMinReadySeconds(7);
      return d;
    });
    capture.await("the edit of web", "c1", e -> AuditCapture.write("update,patch", "deployments", "", ns, "web").test(e)
        && e.path("user").path("username").asText().equals("admin"));
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00.100Z"));
    handler = new AuditWebhookHandler(new Functions(fn.reconciler(), fn.parts(), queue, clock),
        new SecretsManagerClient(local.secretsManager), SecretLayout.defaults(), WebhookOptions.defaults());

    deliverAudit();
    deliverAudit(); // the API server sending the same batches again
    assertThat(queue.drainNow()).as("two writes, delivered twice, within one bucket").hasSize(1);

    clock.advance(AuditReceiver.COALESCE);
    deliverAudit();
    assertThat(queue.drainNow()).as("the next bucket").extracting(SyncMessage::application).containsExactly(APP);
  }

  @Test
  void aScaleByAnotherUserIsRecordedAsDriftWithoutSelfHeal() throws Exception {
    deployed("{prune: true}");
    scaledByAdmin(5);

    deliverAudit();
    List<SyncMessage> queued = queue.drainNow();
    assertThat(queued).extracting(SyncMessage::trigger).containsExactly(Trigger.AUDIT);
    new SyncHandler(fn).handle(queued.get(0), Instant.now().plus(Duration.ofMinutes(3)));

    assertThat(replicas()).as("left as the user scaled it").isEqualTo(5);
    assertThat(last().trigger()).isEqualTo(Trigger.AUDIT);
    assertThat(last().message()).startsWith("planned only (audit): out of sync");
    assertThat(fn.parts().status().get(APP).sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
  }

  @Test
  void driftlessOwnWritesTheControllersWritesAndStatusUpdatesQueueNothing() throws Exception {
    deployed("{prune: true, selfHeal: true}");
    // Driftless's create, and the deployment controller's writes (as admin, the local controller manager's user)
    // to the ReplicaSet it copied the Deployment's tracking annotation to.
    capture.await("Driftless's create of web", "c1", AuditCapture.write("create,patch", "deployments", "", ns, "web"));
    capture.await("the controller's ReplicaSet", "c1", AuditCapture.write("create", "replicasets", "", ns, null));
    List<JsonNode> posted = capture.posted().stream().filter(p -> p.path().equals("/audit/c1"))
        .flatMap(p -> p.events().stream()).toList();
    assertThat(posted).filteredOn(AuditCapture.write("create,patch", "deployments", "", ns, "web")::test)
        .extracting(e -> e.path("user").path("username").asText()).contains("driftless");

    assertThat(deliverAudit()).isZero();
    // A status update reported by the controller (the local API servers' policy leaves these out; EKS's does not).
    ObjectNode status = ((ObjectNode) posted.stream()
        .filter(AuditCapture.write("create,patch", "deployments", "", ns, "web")::test).findFirst().orElseThrow()
        .deepCopy()).put("verb", "update");
    ((ObjectNode) status.path("user")).put("username", "admin");
    ((ObjectNode) status.path("objectRef")).put("subresource", "status");
    assertThat(deliverAudit(List.of(status))).isZero();
    assertThat(queue.drainNow()).isEmpty();
  }

  @Test
  void anObjectClaimingAnApplicationOnAnotherClusterOrAnotherObjectQueuesNothing() throws Exception {
    deployed("{prune: true, selfHeal: true}");
    register("elsewhere", "c2", "{prune: true}");
    // Each names itself, as a tracked object's annotation does; only the Application's cluster differs.
    configMap("forged", "elsewhere:/ConfigMap:" + ns + "/forged");
    // Names an object of APP's, but not itself (as a Deployment's ReplicaSets do).
    configMap("borrowed", APP + ":/ConfigMap:" + ns + "/settings");
    capture.await("the create of forged", "c1", AuditCapture.write("create", "configmaps", "", ns, "forged"));
    capture.await("the create of borrowed", "c1", AuditCapture.write("create", "configmaps", "", ns, "borrowed"));

    assertThat(deliverAudit()).isZero();
    assertThat(queue.drainNow()).isEmpty();
  }

  @Test
  void anUnverifiableAuditRequestGetsTheSame401AndQueuesNothing() throws Exception {
    String body = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[]}";
    String token = "Bearer " + local.secretsManager.getSecretValue(r -> r.secretId("driftless/webhooks/audit/c1"))
        .secretString();
    assertThat(handler.handleRequest(AuditCapture.event("/audit/c1", token, body), context()).getStatusCode())
        .isEqualTo(200);

    List<APIGatewayV2HTTPResponse> refused = new ArrayList<>();
    for (var e : List.of(AuditCapture.event("/audit/c1", "Bearer wrong", body),
        AuditCapture.event("/audit/c1", null, body),
        AuditCapture.event("/audit/c1", token.replace("Bearer ", "Basic "), body),
        AuditCapture.event("/audit/c9", token, body),
        AuditCapture.event("/audit/..%2Fc1", token, body),
        AuditCapture.event("/audit/c1/extra", token, body))) {
      refused.add(handler.handleRequest(e, context()));
    }
    assertThat(refused).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(401);
    assertThat(refused).extracting(APIGatewayV2HTTPResponse::getBody).containsOnly(refused.get(0).getBody());
    assertThat(refused.get(0).getBody()).doesNotContain("c1", "token");
    assertThat(queue.drainNow()).isEmpty();
  }

  @Test
  void anEksAuditLogDeliveryMapsTheSameWayThroughItsLogGroup() throws Exception {
    deployed("{prune: true, selfHeal: true}");
    scaledByAdmin(4);
    List<JsonNode> events = capture.posted().stream().filter(p -> p.path().equals("/audit/c1"))
        .flatMap(p -> p.events().stream()).toList();
    AuditLogsHandler logs = new AuditLogsHandler(fn, Map.of("/aws/eks/c1/cluster", "c1"));

    assertThat(logs.handleRequest(awsLogs("/aws/eks/other/cluster", events), context())).isEqualTo("queued 0");
    assertThat(logs.handleRequest(awsLogs("/aws/eks/c1/cluster", events), context())).isEqualTo("queued 1");

    assertThat(queue.drainNow()).singleElement().satisfies(m -> {
      assertThat(m.application()).isEqualTo(APP);
      assertThat(m.trigger()).isEqualTo(Trigger.AUDIT);
    });
  }

  private int deliverAudit(List<JsonNode> events) throws Exception {
    ObjectNode list = JSON.createObjectNode().put("kind", "EventList");
    list.putArray("items").addAll(events);
    String token = "Bearer " + local.secretsManager.getSecretValue(r -> r.secretId("driftless/webhooks/audit/c1"))
        .secretString();
    APIGatewayV2HTTPResponse r = handler.handleRequest(AuditCapture.event("/audit/c1", token,
        JSON.writeValueAsString(list)), context());
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    return JSON.readTree(r.getBody()).path("queued").asInt();
  }

  private void configMap(String name, String trackingId) {
    c1.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
        .addToAnnotations("driftless.dev/tracking-id", trackingId).endMetadata().addToData("a", "b").build()).create();
  }

  /** A CloudWatch Logs subscription delivery of {@code events} from {@code logGroup}, as EKS's audit log sends it. */
  private static CloudWatchLogsEvent awsLogs(String logGroup, List<JsonNode> events) throws Exception {
    ObjectNode data = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
        .put("logGroup", logGroup).put("logStream", "kube-apiserver-audit-0123456789abcdef");
    data.putArray("subscriptionFilters").add("driftless-audit");
    ArrayNode logEvents = data.putArray("logEvents");
    long id = 0;
    for (JsonNode e : events) {
      logEvents.addObject().put("id", Long.toString(id++)).put("timestamp", System.currentTimeMillis())
          .put("message", JSON.writeValueAsString(e));
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8));
    }
    CloudWatchLogsEvent.AWSLogs awsLogs = new CloudWatchLogsEvent.AWSLogs();
    awsLogs.setData(Base64.getEncoder().encodeToString(gz.toByteArray()));
    CloudWatchLogsEvent event = new CloudWatchLogsEvent();
    event.setAwsLogs(awsLogs);
    return event;
  }
}
