package dev.driftless.cli;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static dev.driftless.fixture.SampleManifests.dbSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.reconcile.EventBridgeSink;
import dev.driftless.reconcile.Settings;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AccessStore;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The driftless commands run in-process against the real API handler served on localhost, backed by
 * moto (state and secrets), a real Git repository, the real sync function and the local cluster.
 */
@LocalAws
@LocalKubernetes
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final EventBridgeClient eventBridge = EventBridgeClient.create();
  private final SqsClient sqs = SqsClient.create();
  private LocalDriftless local;
  private DynamoDbClient ddb;
  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm;
  private TestRepo repo;
  private Settings settings;
  private String bus;
  private Worker worker;
  private ApiServer server;

  @BeforeEach
  void start(LocalClusters clusters) throws Exception {
    bus = "cli-" + UUID.randomUUID();
    eventBridge.createEventBus(r -> r.name(bus));
    local = LocalDriftless.start(tmp, new EventBridgeSink(eventBridge, bus)).withClusters(clusters, "c1");
    ddb = local.ddb;
    sm = local.secretsManager;
    repo = local.repo;
    settings = local.settings;
    startContainer();
  }

  /** The functions as one Lambda container has them: its own caches (secrets, clients), the same table. */
  private void startContainer() throws IOException {
    Functions[] fn = new Functions[1];
    worker = new Worker(() -> new SyncHandler(fn[0]));
    fn[0] = new Functions(local.reconciler(), local.parts(), worker, Clock.systemUTC());
    server = ApiServer.start(new ApiHandler(fn[0], new AccessStore(local.ddb, local.settings.table(),
        Clock.systemUTC()), List.of(PrincipalPattern.parse(ApiServer.CALLER))));
  }

  /** Stops this container; the next one starts with empty caches. */
  private void stopContainer() {
    server.close();
    worker.close();
    local.restart();
  }

  @AfterEach
  void stop() {
    server.close();
    worker.close();
    local.close();
  }

  private Run driftless(String... args) {
    return driftless(false, Map.of(), args);
  }

  private Run driftless(boolean terminal, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--server", server.uri().toString()));
    all.addAll(List.of(args));
    return Run.of(env, tmp.resolve("home"), terminal, all.toArray(String[]::new));
  }

  private Path appFile(String name, String namespace) throws Exception {
    Path f = tmp.resolve(name + ".yaml");
    Files.writeString(f, local.application(name, namespace));
    return f;
  }

  @Test
  void clustersAreAddedListedAsTableJsonAndYamlAndRemoved() throws Exception {
    Run add = driftless("cluster", "add", "prod", "--auth", "token", "--server", "https://k8s.example:6443",
        "--secret-id", "driftless/clusters/prod");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).isEqualTo("cluster prod registered (auth token)\n");

    Run table = driftless("cluster", "list");
    assertThat(table.out().lines().toList()).satisfies(lines -> {
      assertThat(lines.get(0)).matches("NAME +AUTH +SERVER +CREDENTIALS");
      assertThat(lines).anyMatch(l -> l.matches("c1 +kubeconfig +- +secret driftless/clusters/c1-.*"));
      assertThat(lines).anyMatch(l -> l.matches("prod +token +https://k8s.example:6443 +secret driftless/clusters/prod"));
    });
    JsonNode json = JSON.readTree(driftless("cluster", "list", "-o", "json").out());
    assertThat(json.path("items").findValuesAsText("name")).containsExactlyInAnyOrder("c1", "prod");
    assertThat(driftless("-o", "yaml", "cluster", "list").out()).contains("- name: prod").contains("auth: token");

    Run bad = driftless("cluster", "add", "bad", "--auth", "eks", "--server", "https://x");
    assertThat(bad.code()).isEqualTo(Main.API_ERROR);
    assertThat(bad.err()).isEqualTo("error: cluster bad: eksClusterName is required with auth eks\n");

    assertThat(driftless("cluster", "remove", "prod").out()).contains("cluster prod removed");
    Run again = driftless("cluster", "remove", "prod");
    assertThat(again.code()).isEqualTo(Main.API_ERROR);
    assertThat(again.err()).isEqualTo("error: cluster prod is not registered\n");
  }

  @Test
  void applicationsAreCreatedListedShownAndDeletedInEachFormat(TestNamespace ns) throws Exception {
    Path file = appFile("web", ns.name());
    Run create = driftless("app", "create", "-f", file.toString());
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.out()).isEqualTo("application web created (version 1)\n");
    Run twice = driftless("app", "create", "-f", file.toString());
    assertThat(twice.code()).isEqualTo(Main.API_ERROR);
    assertThat(twice.err()).contains("expected version 0 but found 1").contains("add --replace to replace it")
        .doesNotContain("If-Match");
    assertThat(driftless("app", "create", "-f", file.toString(), "--replace").out())
        .isEqualTo("application web replaced (version 2)\n");
    Run stale = driftless("app", "create", "-f", file.toString(), "--if-version", "1");
    assertThat(stale.code()).isEqualTo(Main.API_ERROR);
    assertThat(stale.err()).contains("expected version 1 but found 2");

    Path argo = tmp.resolve("guestbook.json");
    Files.writeString(argo, """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "guestbook"},
         "spec": {"source": {"repoURL": "https://git.example/guestbook.git", "path": "guestbook"},
                  "destination": {"name": "elsewhere", "namespace": "guestbook"}}}
        """);
    Run created = driftless("app", "create", "-f", argo.toString());
    assertThat(created.out()).isEqualTo("application guestbook created (version 1)\n");
    assertThat(created.err()).contains("warning: destination cluster elsewhere is not registered yet");

    List<String> lines = driftless("app", "list").out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +PROJECT +CLUSTER +NAMESPACE +SYNC +HEALTH +REVISION +LAST RESULT");
    assertThat(lines.get(1)).matches("guestbook +default +elsewhere +guestbook +Unknown +Unknown +- +-");
    assertThat(lines.get(2)).matches("web +default +c1 +" + ns.name() + " +Unknown +Unknown +- +-");
    JsonNode list = JSON.readTree(driftless("app", "list", "-o", "json", "--limit", "1").out());
    assertThat(list.path("items").findValuesAsText("name")).containsExactly("guestbook");

    Run get = driftless("app", "get", "web");
    assertThat(get.out()).contains("Name:").containsPattern("Cluster: +c1").containsPattern("Version: +2")
        .containsPattern("Sync policy: +manual").containsPattern("Sync status: +Unknown");
    String yaml = driftless("app", "get", "web", "-o", "yaml").out();
    assertThat(yaml).contains("name: web").contains("document:").contains("apiVersion: driftless.dev/v1alpha1");
    assertThat(driftless("app", "history", "web").out()).isEqualTo("No history for web yet.\n");

    Run delete = driftless("app", "delete", "web");
    assertThat(delete.out()).contains("application web deleted").contains("left in place");
    Run gone = driftless("app", "get", "web");
    assertThat(gone.code()).isEqualTo(Main.API_ERROR);
    assertThat(gone.err()).isEqualTo("error: application web is not registered\n");
  }

  @Test
  void diffShowsMaskedChangesInColourOnlyOnATerminalAndSyncWaitAndRollbackSucceed(TestNamespace ns)
      throws Exception {
    String secretId = "driftless/refs/cli/db-" + UUID.randomUUID();
    String password = "hunter2-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(secretId).secretString("{\"password\": \"" + password + "\"}"));
    var first = repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG, "apps/web/secret.yaml",
        dbSecret(secretId)));
    driftless("app", "create", "-f", appFile("web", ns.name()).toString());

    Run plain = driftless("app", "diff", "web");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(plain.out()).contains("=== create ConfigMap " + ns.name() + "/settings")
        .contains("=== create Secret " + ns.name() + "/db").containsPattern("(?m)^\\+ *mode: blue$")
        .contains("2 object(s) differ: create=2").contains("***").doesNotContain(password).doesNotContain("\u001b[");
    Run coloured = driftless(true, Map.of(), "app", "diff", "web");
    assertThat(coloured.out()).contains(DiffPrinter.GREEN + "+").contains(DiffPrinter.BOLD + "=== create")
        .doesNotContain(password);
    assertThat(driftless(true, Map.of(), "app", "diff", "web", "--no-color").out()).doesNotContain("\u001b[");
    assertThat(driftless(true, Map.of("NO_COLOR", "1"), "app", "diff", "web").out()).doesNotContain("\u001b[");
    assertThat(driftless("app", "diff", "web", "--exit-code").code()).isEqualTo(Main.FAILED);

    Run sync = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "3m");
    assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
    assertThat(sync.out()).startsWith("manual of web queued at ").contains("Succeeded: synced to")
        .contains("create=2");
    assertThat(driftless("app", "diff", "web", "--exit-code").out()).isEqualTo("In sync: no differences.\n");

    repo.commit("green", TestRepo.files("apps/web/config.yaml", CONFIG.replace("blue", "green")));
    Run configure = driftless("app", "diff", "web");
    assertThat(configure.out()).contains("=== configure ConfigMap " + ns.name() + "/settings")
        .containsPattern("(?m)^- *mode: blue$").containsPattern("(?m)^\\+ *mode: green$");
    assertThat(driftless("app", "sync", "web", "--wait", "--interval", "200ms").code()).isZero();
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "green");

    List<String> history = driftless("app", "history", "web").out().lines().toList();
    assertThat(history.get(0)).startsWith("ID ");
    assertThat(history).hasSize(3);
    assertThat(history.get(2)).contains("manual").contains(first.getName().substring(0, 7)).contains("succeeded")
        .contains(" +2 ").doesNotContain(first.getName());
    assertThat(history).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    String firstId = history.get(2).split(" +")[0];
    assertThat(firstId).hasSize(8);
    assertThat(history.get(2).split(" {3,}")[1]).as("started, to the second")
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    List<String> wide = driftless("app", "history", "web", "-o", "wide").out().lines().toList();
    assertThat(wide.get(0)).contains("DURATION");
    assertThat(wide.get(2)).contains(first.getName()).containsPattern(firstId + "-[0-9a-f]{4}-");
    Run rollback = driftless("app", "rollback", "web", firstId, "--wait", "--interval", "200ms");
    assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
    assertThat(rollback.out()).contains("rollback of web queued").contains("(revision " + first.getName() + ")")
        .contains("Succeeded");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
        .containsEntry("mode", "blue");
    JsonNode status = JSON.readTree(driftless("app", "get", "web", "-o", "json").out()).path("status");
    assertThat(status.path("revision").asText()).isEqualTo(first.getName());
    assertThat(status.path("sync").asText()).isEqualTo("Synced");
  }

  @Test
  void syncWaitExitsOneWhenTheOperationFailsAndThreeWhenItTimesOut(TestNamespace ns) throws Exception {
    String missing = "{{resolve:secretsmanager:driftless/refs/missing/" + UUID.randomUUID() + ":SecretString:password}}";
    repo.commit("broken", TestRepo.files("apps/web/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: \"" + missing + "\"}\n"));
    driftless("app", "create", "-f", appFile("web", ns.name()).toString());

    Run failed = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "3m");
    assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(Main.FAILED);
    assertThat(failed.out()).contains("Failed: ").contains(missing);
    assertThat(driftless("app", "history", "web").out()).contains("failed");

    worker.drop = true;
    Run timedOut = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "1s");
    assertThat(timedOut.code()).isEqualTo(Main.TIMED_OUT);
    assertThat(timedOut.out()).contains("queued").contains("Timed out after 1s");

    Run badTimeout = driftless("app", "sync", "web", "--wait", "--timeout", "soon");
    assertThat(badTimeout.code()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("--timeout must be a duration");
  }

  @Test
  void aCanaryResolvedIntoADataValueAnEnvVarAnAnnotationAndARejectedLabelReachesNoSink(TestNamespace ns)
      throws Exception {
    // Values a label may not hold (':'), so that the server rejects the label and echoes the value.
    String canary = "canary:" + UUID.randomUUID();
    String rotated = "rotated:" + UUID.randomUUID();
    String id = "driftless/refs/cli/canary-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(id).secretString("{\"v\": \"" + canary + "\"}"));
    String ref = "{{resolve:secretsmanager:" + id + ":SecretString:v}}";
    String events = eventQueue();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream err = System.err;
    PrintStream out = System.out;
    StringBuilder printed = new StringBuilder();
    System.setErr(new PrintStream(new TeeStream(err, logs), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new TeeStream(out, logs), true, StandardCharsets.UTF_8));
    try {
      repo.commit("canary", TestRepo.files("apps/web/config.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            annotations: {note: "%1$s"}
          data: {dsn: "db://app:%1$s@db/orders"}
          """.formatted(ref), "apps/web/deploy.yaml", """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            replicas: 1
            selector: {matchLabels: {app: web}}
            template:
              metadata: {labels: {app: web}}
              spec:
                containers:
                - name: web
                  image: registry.example/web:1.0
                  env: [{name: DB_PASSWORD, value: "%s"}]
          """.formatted(ref)));
      driftless("app", "create", "-f", appFile("web", ns.name()).toString());
      printed.append(driftless("app", "diff", "web"));
      Run first = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "3m");
      printed.append(first);
      assertThat(first.code()).as(first.out() + first.err()).isZero();
      assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
          .containsEntry("dsn", "db://app:" + canary + "@db/orders");

      sm.putSecretValue(r -> r.secretId(id).secretString("{\"v\": \"" + rotated + "\"}"));
      stopContainer(); // a new container: its secret cache starts empty
      startContainer();
      Run rotation = driftless("app", "diff", "web");
      printed.append(rotation);
      assertThat(rotation.out()).contains("=== configure ConfigMap " + ns.name() + "/settings").contains("***");
      Run second = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "3m");
      printed.append(second);
      assertThat(second.code()).as(second.out() + second.err()).isZero();

      repo.commit("label", TestRepo.files("apps/web/config.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            labels: {leak: "%s"}
          data: {mode: blue}
          """.formatted(ref)));
      Run rejected = driftless("app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "3m");
      printed.append(rejected);
      assertThat(rejected.code()).isEqualTo(Main.FAILED);
      assertThat(rejected.out()).contains("metadata.labels").contains("***");
      for (String[] args : List.of(new String[] {"app", "get", "web"}, new String[] {"app", "get", "web", "-o", "json"},
          new String[] {"app", "list", "-o", "yaml"}, new String[] {"app", "history", "web"},
          new String[] {"app", "history", "web", "-o", "json"}, new String[] {"app", "diff", "web"})) {
        printed.append(driftless(args));
      }
    } finally {
      System.setErr(err);
      System.setOut(out);
    }

    StringBuilder table = new StringBuilder();
    ddb.scan(r -> r.tableName(settings.table())).items().forEach(table::append);
    String emitted = drain(events);
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).as("the sync function's log lines were captured").contains("web: FAILED");
    assertThat(emitted).as("the events were delivered").contains("Sync Failed").contains("Sync Succeeded");
    assertThat(table.toString()).contains("HIST#");
    Map<String, String> sinks = Map.of("logs", logged, "table", table.toString(), "events", emitted,
        "CLI output and API answers", printed.toString());
    for (String value : List.of(canary, rotated)) {
      String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
      sinks.forEach((sink, text) -> assertThat(text).as(sink).doesNotContain(value).doesNotContain(base64)
          .doesNotContain(value.substring(value.indexOf(':') + 1)));
    }
  }

  /** An SQS queue that receives every event on the test's bus, through a rule, as a subscriber would. */
  private String eventQueue() {
    String url = sqs.createQueue(r -> r.queueName("cli-events-" + UUID.randomUUID())).queueUrl();
    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    eventBridge.putRule(r -> r.name("all").eventBusName(bus).eventPattern("{\"source\": [\"driftless\"]}"));
    eventBridge.putTargets(r -> r.rule("all").eventBusName(bus).targets(t -> t.id("queue").arn(arn)));
    return url;
  }

  private String drain(String queueUrl) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      var batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      if (batch.isEmpty()) break;
      batch.forEach(m -> all.append(m.body()).append('\n'));
    }
    return all.toString();
  }

  /** Writes what it is given to two streams: the console, and what the test reads back. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
