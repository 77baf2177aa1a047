package dev.driftless.functions.api;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.dbSecret;
import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.ResourceSelector;
import dev.driftless.model.SyncStep;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AccessStore;
import dev.driftless.state.AppStatus;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route against moto (state and secrets), a real Git repository and the local cluster. */
@LocalAws
@LocalKubernetes
class ApiHandlerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;
  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm;
  private TestRepo repo;
  private Reconciler.Parts parts;
  private Functions fn;
  private ApiHandler api;
  private String kubeconfigSecret;

  @BeforeEach
  void wire(LocalClusters clusters) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    sm = local.secretsManager;
    repo = local.repo;
    parts = local.parts();
    fn = new Functions(local.reconciler(), parts, queue, Clock.systemUTC());
    api = new ApiHandler(fn, new AccessStore(local.ddb, local.settings.table(), Clock.systemUTC()),
        ApiEvents.admins());
    kubeconfigSecret = local.kubeconfigSecret("c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private record Answer(int status, JsonNode body, Map<String, String> headers) {}

  private Answer call(APIGatewayV2HTTPEvent e) throws Exception {
    var r = api.handleRequest(e, new LocalContext("api", Duration.ofSeconds(60), Clock.systemUTC()));
    return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()), r.getHeaders());
  }

  private Answer call(String method, String path, String body, String... headers) throws Exception {
    return call(event(method, path, body, headers));
  }

  private String app(String name, String namespace) {
    return local.application(name, namespace);
  }

  /** Runs what the API queued through the sync function, as SQS would deliver it. */
  private void deliverQueued() {
    List<RecordingQueue.Sent> sent = List.copyOf(queue.sent);
    queue.sent.clear();
    SyncHandler worker = new SyncHandler(fn);
    for (RecordingQueue.Sent s : sent) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId(UUID.randomUUID().toString());
      m.setBody(s.message().toJson());
      SQSEvent e = new SQSEvent();
      e.setRecords(List.of(m));
      assertThat(worker.handleRequest(e, new LocalContext("sync", Duration.ofSeconds(120), Clock.systemUTC())).getBatchItemFailures()).isEmpty();
    }
  }

  @Test
  void clustersAreRegisteredReadListedReplacedAndRemoved() throws Exception {
    String body = """
        {"auth": "token", "server": "https://k8s.example:6443", "caData": "LS0tLS1CRUdJTiBDRVJU", "secretId": "driftless/clusters/prod"}
        """;
    Answer created = call("PUT", "/api/clusters/prod", body, "Content-Type", "application/json");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("auth").asText()).isEqualTo("token");
    Answer replaced = call("PUT", "/api/clusters/prod", "auth: kubeconfig\nsecretId: " + kubeconfigSecret + "\n",
        "Content-Type", "application/yaml");
    assertThat(replaced.status()).isEqualTo(200);
    Answer got = call("GET", "/api/clusters/prod", null);
    assertThat(got.body().path("auth").asText()).isEqualTo("kubeconfig");
    assertThat(got.body().path("secretId").asText()).isEqualTo(kubeconfigSecret);
    assertThat(got.body().path("server").isNull()).isTrue();
    assertThat(got.body().path("reachable").isNull()).as("no scan yet").isTrue();
    assertThat(got.body().path("version").isNull()).isTrue();
    Instant scanned = Instant.parse("2026-12-06T10:00:00Z");
    parts.clusters().recordReachability("c1", null, "v1.34.1", scanned);
    parts.clusters().recordReachability("prod", "cluster unreachable: connection refused", null, scanned);
    Answer list = call("GET", "/api/clusters", null);
    assertThat(list.body().path("items").findValuesAsText("name")).containsExactlyInAnyOrder("c1", "prod");
    for (JsonNode c : list.body().path("items")) {
      boolean c1 = c.path("name").asText().equals("c1");
      assertThat(c.path("reachable").asBoolean()).isEqualTo(c1);
      assertThat(c.path("unreachable").isNull()).isEqualTo(c1);
      assertThat(c.path("version").isNull()).isEqualTo(!c1);
      assertThat(c.path("checkedAt").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }
    assertThat(call("GET", "/api/clusters/c1", null).body().path("version").asText()).isEqualTo("v1.34.1");
    Answer deleted = call("DELETE", "/api/clusters/prod", null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().path("note").asText()).contains("nothing in the cluster was touched");
    Answer gone = call("GET", "/api/clusters/prod", null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("error").asText()).isEqualTo("cluster prod is not registered");
    assertThat(call("DELETE", "/api/clusters/prod", null).status()).isEqualTo(404);
  }

  @Test
  void applicationsAreCreatedReplacedUnderOptimisticLockingListedByPageAndRemoved(TestNamespace ns) throws Exception {
    Answer created = call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().path("version").asLong()).isEqualTo(1);
    assertThat(created.headers()).containsEntry("ETag", "\"1\"");
    assertThat(created.body().path("warnings")).isEmpty();

    Answer again = call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").asText()).contains("expected version 0 but found 1")
        .contains("If-Match: 1");
    assertThat(again.body().path("currentVersion").asLong()).isEqualTo(1);

    String moved = app("web", ns.name()).replace("path: apps/web", "path: apps/other");
    Answer replaced = call("PUT", "/api/applications/web", moved, "Content-Type", "application/yaml",
        "If-Match", "\"1\"");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().path("version").asLong()).isEqualTo(2);
    Answer stale = call("PUT", "/api/applications/web?version=1", moved, "Content-Type", "application/yaml");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().path("error").asText()).isEqualTo("application web: expected version 1 but found 2");
    assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(2);

    Answer got = call("GET", "/api/applications/web", null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().path("version").asLong()).isEqualTo(2);
    assertThat(got.body().path("source").path("path").asText()).isEqualTo("apps/other");
    assertThat(got.body().path("destination").path("cluster").asText()).isEqualTo("c1");
    assertThat(got.body().path("document").path("kind").asText()).isEqualTo("Application");
    JsonNode status = got.body().path("status");
    assertThat(status.path("sync").asText()).isEqualTo("Unknown");
    assertThat(status.path("objects").asInt()).isZero();
    assertThat(status.path("operation").isNull()).isTrue();

    for (String n : List.of("api-a", "api-b")) {
      assertThat(call("PUT", "/api/applications/" + n, app(n, ns.name()), "Content-Type", "application/yaml")
          .status()).isEqualTo(201);
    }
    Answer page1 = call("GET", "/api/applications?limit=2", null);
    assertThat(page1.body().path("items").findValuesAsText("name")).containsExactly("api-a", "api-b");
    String next = page1.body().path("next").asText();
    Answer page2 = call("GET", "/api/applications?limit=2&next=" + next, null);
    assertThat(page2.body().path("items").findValuesAsText("name")).containsExactly("web");
    assertThat(page2.body().path("items").get(0).path("status").path("sync").asText()).isEqualTo("Unknown");

    Answer deleted = call("DELETE", "/api/applications/web", null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().path("note").asText()).contains("left in place");
    assertThat(call("GET", "/api/applications/web", null).status()).isEqualTo(404);
    assertThat(call("GET", "/api/applications/web/history", null).status()).isEqualTo(404);
  }

  @Test
  void anArgoCdApplicationIsAcceptedAsIsAndAnUnregisteredClusterIsAWarning() throws Exception {
    String argo = """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
         "metadata": {"name": "guestbook", "namespace": "argocd"},
         "spec": {"project": "default",
                  "source": {"repoURL": "https://github.com/argoproj/argocd-example-apps.git",
                             "targetRevision": "HEAD", "path": "guestbook"},
                  "destination": {"name": "in-cluster", "namespace": "guestbook"},
                  "syncPolicy": {"automated": {"prune": true, "selfHeal": true}}}}
        """;
    Answer created = call("PUT", "/api/applications/guestbook", argo, "Content-Type", "application/json");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().path("warnings").get(0).asText())
        .isEqualTo("destination cluster in-cluster is not registered yet: syncs fail until it is");
    Answer got = call("GET", "/api/applications/guestbook", null);
    assertThat(got.body().path("document").path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(got.body().path("document").path("metadata").path("namespace").asText()).isEqualTo("argocd");
    assertThat(got.body().path("syncPolicy").path("selfHeal").asBoolean()).isTrue();
    assertThat(got.body().path("sources")).hasSize(1);
    assertThat(got.body().path("sources").get(0)).isEqualTo(got.body().path("source"));
  }

  @Test
  void everySourceOfAMultiSourceApplicationIsShownTheFirstAlsoAsItsSource() throws Exception {
    String argo = """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "multi"},
         "spec": {"sources": [
                    {"repoURL": "https://charts.example.com", "chart": "redis", "targetRevision": "19.0.1",
                     "helm": {"valueFiles": ["$values/redis/values.yaml"]}},
                    {"repoURL": "https://github.com/acme/config.git", "targetRevision": "main", "ref": "values"}],
                  "destination": {"name": "c1", "namespace": "redis"}}}
        """;
    Answer created = call("PUT", "/api/applications/multi", argo, "Content-Type", "application/json");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode got = call("GET", "/api/applications/multi", null).body();
    assertThat(got.path("sources").findValuesAsText("repoURL"))
        .containsExactly("https://charts.example.com", "https://github.com/acme/config.git");
    assertThat(got.path("sources").get(0).path("chart").asText()).isEqualTo("redis");
    assertThat(got.path("sources").get(1).path("ref").asText()).isEqualTo("values");
    assertThat(got.path("source").path("chart").asText()).isEqualTo("redis");
  }

  @Test
  void invalidDocumentsAreRefusedNamingTheField(TestNamespace ns) throws Exception {
    Answer noSource = call("PUT", "/api/applications/web", """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec: {destination: {cluster: c1}}
        """, "Content-Type", "application/yaml");
    assertThat(noSource.status()).isEqualTo(400);
    assertThat(noSource.body().path("error").asText()).startsWith("application web").contains("spec.source");

    Answer badVersion = call("PUT", "/api/applications/web", app("web", ns.name())
        .replace("driftless.dev/v1alpha1", "example.com/v9"), "Content-Type", "application/yaml");
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.body().path("error").asText()).contains("apiVersion");

    Answer otherName = call("PUT", "/api/applications/other", app("web", ns.name()),
        "Content-Type", "application/yaml");
    assertThat(otherName.status()).isEqualTo(400);
    assertThat(otherName.body().path("error").asText())
        .isEqualTo("application other: metadata.name web differs from the name in the path");

    Answer notJson = call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().path("error").asText()).startsWith("application web: the body is not valid JSON");

    Answer badIfMatch = call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type",
        "application/yaml", "If-Match", "latest");
    assertThat(badIfMatch.status()).isEqualTo(400);
    assertThat(badIfMatch.body().path("error").asText()).contains("If-Match must be a version number");
    assertThat(call("GET", "/api/applications/web", null).status()).isEqualTo(404);
  }

  @Test
  void diffPlansAgainstTheClusterWithSecretDataMaskedAndRecordsNothing(TestNamespace ns) throws Exception {
    String secretId = "driftless/refs/app/db-" + UUID.randomUUID();
    String password = "hunter2-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(secretId).secretString("{\"password\": \"" + password + "\"}"));
    var first = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG, "apps/web/secret.yaml",
        dbSecret(secretId)));
    call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");

    Answer diff = call("GET", "/api/applications/web/diff", null);
    assertThat(diff.status()).as(diff.body().toString()).isEqualTo(200);
    assertThat(diff.body().path("inSync").asBoolean()).isFalse();
    assertThat(diff.body().path("counts").path("create").asInt()).isEqualTo(2);
    JsonNode changes = diff.body().path("changes");
    assertThat(changes.findValuesAsText("kind")).containsExactlyInAnyOrder("ConfigMap", "Secret");
    assertThat(changes.findValuesAsText("action")).containsOnly("create");
    assertThat(diff.body().toString()).doesNotContain(password);
    assertThat(parts.status().history("web", 10)).isEmpty();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();

    // Sync, then change Git: the diff at the head configures, the diff at the first commit is in sync.
    assertThat(call("POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    deliverQueued();
    repo.commit("green", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green")));
    Answer head = call("GET", "/api/applications/web/diff", null);
    assertThat(head.body().path("counts").path("configure").asInt()).isEqualTo(1);
    JsonNode cm = head.body().path("changes").findParents("action").stream()
        .filter(c -> c.path("action").asText().equals("configure")).findFirst().orElseThrow();
    assertThat(cm.path("object").path("name").asText()).isEqualTo("settings");
    assertThat(cm.path("diff").asText()).contains("green");
    Answer atFirst = call("GET", "/api/applications/web/diff?revision=" + first.getName(), null);
    assertThat(atFirst.body().path("revision").asText()).isEqualTo(first.getName());
    assertThat(atFirst.body().path("inSync").asBoolean()).as(atFirst.body().toString()).isTrue();

    Answer missing = call("GET", "/api/applications/nope/diff", null);
    assertThat(missing.status()).isEqualTo(404);
    Answer unknownRevision = call("GET", "/api/applications/web/diff?revision=no-such-branch", null);
    assertThat(unknownRevision.status()).isEqualTo(422);
    assertThat(unknownRevision.body().path("error").asText()).contains("no-such-branch");
  }

  @Test
  void aRefreshRecordsAHandMadeChangeAsOutOfSyncAndAppliesNothingEvenWhenTheApplicationHealsItself(TestNamespace ns)
      throws Exception {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    call("PUT", "/api/applications/web", app("web", ns.name()) + "  syncPolicy: {automated: {selfHeal: true}}\n",
        "Content-Type", "application/yaml");
    assertThat(call("POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    deliverQueued();
    Answer synced = call("POST", "/api/applications/web/refresh", null);
    assertThat(synced.status()).as(synced.body().toString()).isEqualTo(200);
    assertThat(synced.body().path("status").path("sync").asText()).isEqualTo("Synced");

    // A kubectl-style edit of an applied field.
    ns.client().configMaps().inNamespace(ns.name()).withName("settings").edit(cm -> {
      cm.getData().put("mode", "by-hand");
      return cm;
    });
    Answer refreshed = call("POST", "/api/applications/web/refresh", null);
    assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
    assertThat(refreshed.body().path("application").asText()).isEqualTo("web");
    assertThat(refreshed.body().path("status").path("sync").asText()).isEqualTo("OutOfSync");
    assertThat(refreshed.body().path("status").path("health").asText()).isEqualTo("Healthy");
    JsonNode settings = refreshed.body().path("resources").get(0);
    assertThat(settings.path("name").asText()).isEqualTo("settings");
    assertThat(settings.path("sync").asText()).isEqualTo("OutOfSync");
    assertThat(settings.path("action").asText()).isEqualTo("configure");

    assertThat(call("GET", "/api/applications/web", null).body().path("status").path("sync").asText())
        .as("recorded").isEqualTo("OutOfSync");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .as("nothing applied, selfHeal or not").containsEntry("mode", "by-hand");
    assertThat(queue.sent).as("nothing queued").isEmpty();
    JsonNode entry = call("GET", "/api/applications/web/history?limit=1", null).body().path("items").get(0);
    assertThat(entry.path("trigger").asText()).isEqualTo("refresh");
    assertThat(entry.path("message").asText()).isEqualTo("planned only (refresh): out of sync: {configure=1}");

    assertThat(call("POST", "/api/applications/nope/refresh", null).status()).isEqualTo(404);
  }

  @Test
  void aRefreshIsRefusedWhileAnOperationIsInFlightAndLeavesItsStateAsItWas(TestNamespace ns) throws Exception {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");
    Instant now = Instant.now();
    Operation op = Operation.start("op-web", Trigger.MANUAL, null, now).at(SyncStep.APPLY)
        .running(now, now.plus(Duration.ofMinutes(5)));
    AppStatus before = parts.status().get("web");
    parts.status().put("c1", before.ended(before.sync(), before.health(), op, OperationResult.RUNNING, "running", now));
    AppStatus running = parts.status().get("web");

    Answer refused = call("POST", "/api/applications/web/refresh", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("error").asText()).isEqualTo("application web: refresh refused: operation op-web "
        + "(manual) is in flight; it records the status when it ends");
    assertThat(parts.status().get("web")).isEqualTo(running);
    assertThat(parts.status().history("web", 10)).isEmpty();
  }

  @Test
  void aSyncsPruneForceAndResourcesAreQueuedWithItKeptInHistoryAndBadOnesRefusedNamingTheField(TestNamespace ns)
      throws Exception {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");

    Answer bad = call("POST", "/api/applications/web/sync", "{\"resources\": [{\"kind\": \"ConfigMap\"}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("error").asText()).isEqualTo("sync of application web: resources[0].name is required");
    Answer notFlag = call("POST", "/api/applications/web/sync", "{\"prune\": \"true\"}");
    assertThat(notFlag.body().path("error").asText()).isEqualTo("sync of application web: prune must be true or false");
    assertThat(queue.sent).isEmpty();

    Answer queued = call("POST", "/api/applications/web/sync", "{\"prune\": true, \"force\": true, \"resources\": "
        + "[{\"kind\": \"ConfigMap\", \"name\": \"settings\"}]}");
    assertThat(queued.status()).as(queued.body().toString()).isEqualTo(202);
    OperationOptions asked = new OperationOptions(true, true,
        List.of(new ResourceSelector("", "ConfigMap", "", "settings")));
    assertThat(queue.sent).singleElement().satisfies(s -> assertThat(s.message().options()).isEqualTo(asked));
    deliverQueued();
    JsonNode entry = call("GET", "/api/applications/web/history?limit=1", null).body().path("items").get(0);
    assertThat(entry.path("result").asText()).as(entry.toString()).isEqualTo("succeeded");
    assertThat(entry.path("options")).isEqualTo(asked.toJson());
  }

  @Test
  void aRollbackOfAnApplicationThatSyncsAutomaticallyIsRefusedAndNothingIsQueued(TestNamespace ns) throws Exception {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    call("PUT", "/api/applications/web", app("web", ns.name()) + "  syncPolicy: {automated: {prune: true}}\n",
        "Content-Type", "application/yaml");
    assertThat(call("POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    deliverQueued();
    String synced = call("GET", "/api/applications/web/history?limit=1", null).body().path("items").get(0)
        .path("id").asText();

    Answer refused = call("POST", "/api/applications/web/rollback", "{\"historyId\": \"" + synced + "\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("error").asText()).isEqualTo("rollback of application web: refused while "
        + "automated sync is on (spec.syncPolicy.automated): the next push or scan would sync main again; turn "
        + "automated sync off first");
    assertThat(queue.sent).isEmpty();
  }

  @Test
  void anApplicationNamedWithDotsIsRegisteredSyncedListedAndTrackedUnderItsName(TestNamespace ns) throws Exception {
    repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    String name = "guestbook.prod.eu";
    Answer created = call("PUT", "/api/applications/" + name, app(name, ns.name()), "Content-Type", "application/yaml");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

    assertThat(call("POST", "/api/applications/" + name + "/sync", null).status()).isEqualTo(202);
    deliverQueued();

    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getMetadata()
        .getAnnotations()).containsEntry("driftless.dev/tracking-id", name + ":/ConfigMap:" + ns.name() + "/settings");
    Answer got = call("GET", "/api/applications/" + name, null);
    assertThat(got.body().path("status").path("sync").asText()).isEqualTo("Synced");
    assertThat(call("GET", "/api/applications/" + name + "/history", null).body().path("items").get(0)
        .path("result").asText()).isEqualTo("succeeded");
    assertThat(call("GET", "/api/applications", null).body().path("items").findValuesAsText("name")).contains(name);
    assertThat(call("DELETE", "/api/applications/" + name, null).status()).isEqualTo(200);
  }

  @Test
  void syncAndRollbackAreQueuedForTheSyncFunctionWhichRunsThemToTheRightRevision(TestNamespace ns)
      throws Exception {
    var first = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    call("PUT", "/api/applications/web", app("web", ns.name()), "Content-Type", "application/yaml");

    Answer queued = call("POST", "/api/applications/web/sync", "{\"revision\": \"" + first.getName() + "\"}",
        "Content-Type", "application/json");
    assertThat(queued.status()).isEqualTo(202);
    assertThat(queued.body().path("queued").asBoolean()).isTrue();
    assertThat(queued.body().path("requestedAt").asText()).isNotBlank();
    assertThat(queue.sent).singleElement().satisfies(s -> {
      assertThat(s.message().trigger()).isEqualTo(Trigger.MANUAL);
      assertThat(s.message().revision()).isEqualTo(first.getName());
      assertThat(s.deduplicationId()).startsWith("manual-web-");
    });
    deliverQueued();
    var second = repo.commit("second", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green")));
    assertThat(call("POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    String firstDedupe = queue.sent.get(0).deduplicationId();
    deliverQueued();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "green");

    Answer history = call("GET", "/api/applications/web/history?limit=5", null);
    JsonNode items = history.body().path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("revision").asText()).isEqualTo(second.getName());
    assertThat(items.get(0).path("trigger").asText()).isEqualTo("manual");
    assertThat(items.get(0).path("result").asText()).isEqualTo("succeeded");
    assertThat(items.get(1).path("counts").path("create").asInt()).isEqualTo(1);
    assertThat(call("GET", "/api/applications/web/history?limit=1", null).body().path("items")).hasSize(1);

    Answer status = call("GET", "/api/applications/web", null);
    assertThat(status.body().path("status").path("sync").asText()).isEqualTo("Synced");
    assertThat(status.body().path("status").path("revision").asText()).isEqualTo(second.getName());
    assertThat(status.body().path("status").path("objects").asInt()).isEqualTo(1);

    Answer noEntry = call("POST", "/api/applications/web/rollback", "{\"historyId\": \"nope\"}");
    assertThat(noEntry.status()).isEqualTo(404);
    assertThat(noEntry.body().path("error").asText()).startsWith("application web: no history entry nope");
    Answer noId = call("POST", "/api/applications/web/rollback", "{}");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.body().path("error").asText()).isEqualTo("rollback of application web: historyId is required");

    String firstId = items.get(1).path("id").asText();
    Answer rollback = call("POST", "/api/applications/web/rollback", "{\"historyId\": \"" + firstId + "\"}");
    assertThat(rollback.status()).isEqualTo(202);
    assertThat(rollback.body().path("revision").asText()).isEqualTo(first.getName());
    SyncMessage msg = queue.sent.get(0).message();
    assertThat(msg.trigger()).isEqualTo(Trigger.ROLLBACK);
    assertThat(msg.operationId()).isEqualTo(firstId);
    assertThat(queue.sent.get(0).deduplicationId()).isNotEqualTo(firstDedupe);
    deliverQueued();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
    JsonNode latest = call("GET", "/api/applications/web/history?limit=1", null).body().path("items").get(0);
    assertThat(latest.path("trigger").asText()).isEqualTo("rollback");
    assertThat(latest.path("revision").asText()).isEqualTo(first.getName());

    assertThat(call("POST", "/api/applications/nope/sync", null).status()).isEqualTo(404);
    Answer unknownField = call("POST", "/api/applications/web/sync", "{\"revison\": \"main\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("error").asText()).contains("unknown field revison");
  }
}
