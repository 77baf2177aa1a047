package dev.driftless.functions.api;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.fixture.TestClock;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.project.Projects;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.AccessStore;
import dev.driftless.state.StateTable;
import dev.driftless.testkit.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code /api/projects} and the project checks of registration, sync and rollback, against the real state table
 * (moto's DynamoDB) as a deployment in AWS runs (no local repositories). A refused registration leaves nothing
 * stored, a refused sync queues nothing.
 */
@LocalAws
class ProjectRoutesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM_A = """
      apiVersion: argoproj.io/v1alpha1
      kind: AppProject
      metadata: {name: team-a}
      spec:
        sourceRepos: ['https://git.example.com/team-a/*']
        destinations: [{name: c1, namespace: team-a}, {server: 'https://prod.example:6443', namespace: 'team-a-*'}]
      """;

  @TempDir
  Path tmp;

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T22:30:00Z"));
  private final RecordingQueue queue = new RecordingQueue();
  private Reconciler.Parts parts;
  private ApiHandler api;

  private record Answer(int status, JsonNode body, Map<String, String> headers) {
    String error() {
      return body.path("error").asText();
    }
  }

  private void wire(Projects.ImplicitDefault implicitDefault) {
    String table = "projects-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    Settings settings = new Settings(table, "driftless", tmp.resolve("git-cache"), 1L << 20, Path.of("kustomize"),
        Path.of("helm"), Duration.ofDays(1), SecretLayout.defaults(), false, null, implicitDefault);
    SecretsManagerClient secrets = new SecretsManagerClient(
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create());
    parts = Wiring.parts(settings, ddb, secrets, (type, detail) -> { }, clock);
    api = new ApiHandler(new Functions(new Reconciler(parts, Wiring.options(settings), clock), parts, queue, clock),
        new AccessStore(ddb, table, clock), ApiEvents.admins(), clock);
  }

  private ApiHandler api() {
    if (api == null) wire(Projects.ImplicitDefault.PERMISSIVE);
    return api;
  }

  @AfterEach
  void close() {
    if (parts != null) parts.clients().close();
  }

  private Answer call(String method, String path, String body, String... headers) throws IOException {
    var r = api().handleRequest(event(method, path, body, headers), null);
    return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()), r.getHeaders());
  }

  private Answer putYaml(String path, String body, String... headers) throws IOException {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/yaml";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return call("PUT", path, body, all);
  }

  private static String app(String name, String project, String repo, String cluster, String namespace) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          project: %s
          source: {repoURL: '%s', targetRevision: main, path: apps/%s}
          destination: {name: %s, namespace: %s}
        """.formatted(name, project, repo, name, cluster, namespace);
  }

  private static String fixture(String name) {
    try (var in = ProjectRoutesIT.class.getResourceAsStream("/projects/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- the project documents

  @Test
  void projectsAreCreatedReadListedByPageReplacedUnderIfMatchAndRemoved() throws Exception {
    Answer created = putYaml("/api/projects/team-a", TEAM_A);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.headers()).containsEntry("ETag", "\"1\"");
    assertThat(created.body().path("secretReferencePrefixes").get(0).asText()).isEqualTo("team-a/");
    assertThat(putYaml("/api/projects/team-b", TEAM_A.replace("team-a", "team-b")).status()).isEqualTo(201);

    Answer again = putYaml("/api/projects/team-a", TEAM_A);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).contains("expected version 0 but found 1").contains("If-Match: 1");
    Answer replaced = putYaml("/api/projects/team-a", TEAM_A.replace("sourceRepos: [", "description: A\n  sourceRepos: ["),
        "If-Match", "\"1\"");
    assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(200);
    assertThat(replaced.body().path("version").asLong()).isEqualTo(2);
    assertThat(putYaml("/api/projects/team-a", TEAM_A, "If-Match", "1").status()).as("a stale version").isEqualTo(409);

    Answer got = call("GET", "/api/projects/team-a", null);
    assertThat(got.body().path("description").asText()).isEqualTo("A");
    assertThat(got.body().path("document").path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(got.headers()).containsEntry("ETag", "\"2\"");

    Answer first = call("GET", "/api/projects?limit=1", null);
    assertThat(first.body().path("items").get(0).path("name").asText()).isEqualTo("team-a");
    assertThat(first.body().path("items")).hasSize(1);
    Answer second = call("GET", "/api/projects?limit=1&next=" + first.body().path("next").asText(), null);
    assertThat(second.body().path("items").get(0).path("name").asText()).isEqualTo("team-b");

    assertThat(call("DELETE", "/api/projects/team-a", null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/projects/team-a", null).error()).isEqualTo("project team-a is not registered");
    assertThat(call("DELETE", "/api/projects/team-a", null).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"argo-full-example.yaml", "argo-negations.yaml", "argo-sync-windows.yaml",
      "driftless-team-a.json"})
  void argoCdsExampleProjectsRegisterUnchangedAndAreStoredAsGiven(String file) throws Exception {
    String document = fixture(file);
    JsonNode given = new YAMLMapper().readTree(document);
    String name = given.path("metadata").path("name").asText();

    Answer created = putYaml("/api/projects/" + name, document);

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(call("GET", "/api/projects/" + name, null).body().path("document")).isEqualTo(given);
  }

  @Test
  void aWrongProjectDocumentIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    Answer wrongField = putYaml("/api/projects/team-a", TEAM_A + "  syncWindows: [{kind: maybe, schedule: '* * * * *',"
        + " duration: 1h, clusters: ['*']}]\n");
    assertThat(wrongField.status()).isEqualTo(400);
    assertThat(wrongField.error()).isEqualTo("project team-a: spec.syncWindows[0].kind must be allow or deny, not maybe");

    Answer otherName = putYaml("/api/projects/team-b", TEAM_A);
    assertThat(otherName.status()).isEqualTo(400);
    assertThat(otherName.error()).isEqualTo("project team-b: metadata.name team-a differs from the name in the path");
    assertThat(call("GET", "/api/projects/team-a", null).status()).isEqualTo(404);
    assertThat(call("GET", "/api/projects/team-b", null).status()).isEqualTo(404);
  }

  // --- registration inside the project's fence

  @Test
  void anApplicationOutsideItsProjectsSourceReposIsRefusedNamingTheRule() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A);

    Answer r = putYaml("/api/applications/web",
        app("web", "team-a", "https://git.example.com/team-b/deploy", "c1", "team-a"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error()).isEqualTo("application web: refused by project team-a: spec.source.repoURL "
        + "https://git.example.com/team-b/deploy: not permitted by sourceRepos of project team-a");
    assertThat(r.body().path("violations").get(0).path("subject").asText())
        .isEqualTo("spec.source.repoURL https://git.example.com/team-b/deploy");
    assertThat(call("GET", "/api/applications/web", null).status()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void anApplicationOutsideItsProjectsDestinationsIsRefusedNamingTheRule() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A);

    Answer otherNamespace = putYaml("/api/applications/web",
        app("web", "team-a", "https://git.example.com/team-a/deploy", "c1", "team-b"));
    assertThat(otherNamespace.status()).isEqualTo(422);
    assertThat(otherNamespace.error()).isEqualTo("application web: refused by project team-a: spec.destination: "
        + "cluster c1, namespace team-b is not a destination of project team-a");

    // Only the registered cluster's server matches the second destination; its name does not.
    Answer unknownServer = putYaml("/api/applications/web",
        app("web", "team-a", "https://git.example.com/team-a/deploy", "prod", "team-a-web"));
    assertThat(unknownServer.status()).isEqualTo(422);
    assertThat(call("GET", "/api/applications/web", null).status()).as("nothing stored").isEqualTo(404);

    parts.clusters().put(new ClusterRegistration("prod", "https://prod.example:6443", null,
        ClusterRegistration.Auth.TOKEN, "driftless/clusters/prod", null, null, null));
    Answer byServer = putYaml("/api/applications/web",
        app("web", "team-a", "https://git.example.com/team-a/deploy", "prod", "team-a-web"));
    assertThat(byServer.status()).as(byServer.body().toString()).isEqualTo(201);
  }

  @Test
  void anApplicationNamingAnUnknownProjectIsRefused() throws Exception {
    Answer r = putYaml("/api/applications/web",
        app("web", "team-z", "https://git.example.com/team-a/deploy", "c1", "team-a"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error()).isEqualTo("application web: spec.project: project team-z does not exist (create it first: "
        + "PUT /api/projects/team-z)");
    assertThat(call("GET", "/api/applications/web", null).status()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void anApplicationInsideItsProjectIsStoredAndTheImplicitDefaultAllowsAnyOther() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A);

    Answer inside = putYaml("/api/applications/web",
        app("web", "team-a", "https://git.example.com/team-a/deploy.git", "c1", "team-a"));
    Answer implicit = putYaml("/api/applications/other",
        app("other", "default", "https://git.example.com/anyone/deploy", "c9", "anywhere"));

    assertThat(inside.status()).as(inside.body().toString()).isEqualTo(201);
    assertThat(call("GET", "/api/applications/web", null).body().path("project").asText()).isEqualTo("team-a");
    assertThat(implicit.status()).as(implicit.body().toString()).isEqualTo(201);
  }

  @Test
  void aRestrictedDeploymentRefusesApplicationsOfTheImplicitDefaultProject() throws Exception {
    wire(Projects.ImplicitDefault.RESTRICTED);

    Answer r = putYaml("/api/applications/other",
        app("other", "default", "https://git.example.com/anyone/deploy", "c1", "anywhere"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error()).startsWith("application other: refused by project default: spec.source.repoURL");
    assertThat(call("GET", "/api/applications/other", null).status()).as("nothing stored").isEqualTo(404);
  }

  // --- a project in use

  @Test
  void aProjectIsNotRemovedWhileApplicationsNameIt() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A);
    putYaml("/api/projects/team-b", TEAM_A.replace("team-a", "team-b"));
    putYaml("/api/applications/web", app("web", "team-a", "https://git.example.com/team-a/deploy", "c1", "team-a"));
    putYaml("/api/applications/api", app("api", "team-a", "https://git.example.com/team-a/deploy", "c1", "team-a"));

    Answer refused = call("DELETE", "/api/projects/team-a", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).isEqualTo("project team-a is used by application(s) api, web: move or delete them "
        + "first");
    assertThat(call("GET", "/api/projects/team-a", null).status()).as("still there").isEqualTo(200);

    call("DELETE", "/api/applications/api", null);
    Answer moved = putYaml("/api/applications/web",
        app("web", "team-b", "https://git.example.com/team-b/deploy", "c1", "team-b"), "If-Match", "*");
    assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
    assertThat(call("DELETE", "/api/projects/team-a", null).status()).isEqualTo(200);
    assertThat(call("DELETE", "/api/projects/team-b", null).status()).as("web moved there").isEqualTo(409);
  }

  // --- sync windows on manual syncs

  @Test
  void aManualSyncAndARollbackAreRefusedWhileADenyWindowHoldsThemAndNothingIsQueued() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A + "  syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, "
        + "namespaces: [team-a]}]\n");
    putYaml("/api/applications/web", app("web", "team-a", "https://git.example.com/team-a/deploy", "c1", "team-a"));

    Answer sync = call("POST", "/api/applications/web/sync", null);
    Answer rollback = call("POST", "/api/applications/web/rollback", "{\"historyId\": \"h1\"}");

    assertThat(sync.status()).isEqualTo(409);
    assertThat(sync.error()).isEqualTo("sync of application web: refused by project team-a: held by sync window "
        + "deny 0 22 * * * 1h (UTC) until 2026-12-07T23:00:00Z (a window with manualSync: true lets manual syncs "
        + "through)");
    assertThat(sync.body().path("until").asText()).isEqualTo("2026-12-07T23:00:00Z");
    assertThat(rollback.status()).isEqualTo(409);
    assertThat(rollback.error()).startsWith("rollback of application web: refused by project team-a: held by sync "
        + "window deny 0 22 * * * 1h (UTC)");
    assertThat(queue.sent).as("nothing queued").isEmpty();

    clock.advance(Duration.ofMinutes(30));
    assertThat(call("POST", "/api/applications/web/sync", null).status()).as("the window has closed").isEqualTo(202);
    assertThat(queue.sent).hasSize(1);
  }

  @Test
  void aManualSyncPassesADenyWindowThatAllowsManualSyncs() throws Exception {
    putYaml("/api/projects/team-a", TEAM_A + "  syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, "
        + "namespaces: [team-a], manualSync: true}]\n");
    putYaml("/api/applications/web", app("web", "team-a", "https://git.example.com/team-a/deploy", "c1", "team-a"));

    assertThat(call("POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    assertThat(call("POST", "/api/applications/web/rollback", "{\"historyId\": \"h1\"}").error())
        .as("past the window, the rollback looks for its history entry").startsWith("application web: no history entry h1");
  }
}
