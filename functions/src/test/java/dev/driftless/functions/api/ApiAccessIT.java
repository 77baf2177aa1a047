package dev.driftless.functions.api;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.access.AccessControl;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AccessStore;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as several principals: a bootstrap admin sets the policy, then viewers, deployers, project admins,
 * admins and callers with no role get exactly their routes, and a refusal does nothing.
 */
@LocalAws
@LocalKubernetes
class ApiAccessIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOOTSTRAP = ApiEvents.CALLER;
  private static final String PLATFORM = session("platform-ops");
  private static final String TEAM_A_ADMIN = session("team-a-admin");
  private static final String TEAM_A_CI = session("team-a-ci");
  private static final String TEAM_A_DEV = session("team-a-dev");
  private static final String STRANGER = session("stranger");
  private static final String POLICY = """
      bindings:
        - {principal: "arn:aws:iam::123456789012:role/platform-*", role: admin}
        - {principal: "arn:aws:iam::123456789012:role/teams/team-a-admin", role: project-admin, projects: [team-a]}
        - {principal: "arn:aws:iam::123456789012:role/team-a-ci", role: deployer, projects: [team-a]}
        - {principal: "arn:aws:iam::123456789012:role/team-a-dev", role: viewer, projects: [team-a]}
      """;

  /** A project that allows every repository and destination: the tests here are about who may call what. */
  private static String project(String name) {
    return """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "%s"},
         "spec": {"sourceRepos": ["*"], "destinations": [{"server": "*", "namespace": "*"}],
                  "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]}}
        """.formatted(name);
  }

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;
  private AccessStore store;
  private Api api;
  private Functions fn;
  private String namespace;

  private static String session(String role) {
    return "arn:aws:sts::123456789012:assumed-role/" + role + "/session-1";
  }

  private record Answer(int status, JsonNode body) {}

  @BeforeEach
  void wire(LocalClusters clusters, TestNamespace ns) throws Exception {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    store = new AccessStore(local.ddb, local.settings.table(), Clock.systemUTC());
    api = new Api(fn, store, AccessControl.over(store, List.of(PrincipalPattern.parse(BOOTSTRAP)), fn.clock()),
        fn.clock());
    namespace = ns.name();
    local.repo.commit("config", TestRepo.files("apps/web/config.yaml", CONFIG));
    assertThat(call(BOOTSTRAP, "PUT", "/api/access", POLICY).status()).isEqualTo(201);
    assertThat(call(BOOTSTRAP, "PUT", "/api/projects/team-a", project("team-a")).status()).isEqualTo(201);
    assertThat(call(BOOTSTRAP, "PUT", "/api/projects/team-b", project("team-b")).status()).isEqualTo(201);
    assertThat(call(BOOTSTRAP, "PUT", "/api/applications/web", app("web", "team-a")).status()).isEqualTo(201);
    assertThat(call(BOOTSTRAP, "PUT", "/api/applications/pay", app("pay", "team-b")).status()).isEqualTo(201);
  }

  @AfterEach
  void close() {
    local.close();
  }

  private String app(String name, String project) {
    return local.application(name, namespace).replace("spec:\n", "spec:\n  project: " + project + "\n");
  }

  private Answer call(String caller, String method, String path, String body, String... headers) throws Exception {
    return callOn(api, caller, method, path, body, headers);
  }

  private static Answer callOn(Api api, String caller, String method, String path, String body, String... headers)
      throws Exception {
    Map<String, String> h = new HashMap<>(Map.of("Content-Type", "application/yaml"));
    for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
    ApiResponse r = api.handle(new ApiRequest(method, path, Map.of(), h, body, caller, "test"));
    return new Answer(r.status(), JSON.readTree(r.bodyText()));
  }

  private void refused(Answer a, String missing) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(403);
    assertThat(a.body().path("missing").asText()).isEqualTo(missing);
  }

  @Test
  void aViewerReadsItsProjectOnlyAndIsRefusedSyncDiffAndCreate() throws Exception {
    Answer list = call(TEAM_A_DEV, "GET", "/api/applications", null);
    assertThat(list.body().path("items").findValuesAsText("name")).containsExactly("web");
    assertThat(call(TEAM_A_DEV, "GET", "/api/applications/web", null).status()).isEqualTo(200);
    assertThat(call(TEAM_A_DEV, "GET", "/api/applications/web/history", null).status()).isEqualTo(200);
    assertThat(call(TEAM_A_DEV, "GET", "/api/clusters", null).status()).isEqualTo(200);
    refused(call(TEAM_A_DEV, "POST", "/api/applications/web/sync", null),
        "applications/sync on project team-a (application web)");
    refused(call(TEAM_A_DEV, "GET", "/api/applications/web/diff", null),
        "applications/diff on project team-a (application web)");
    refused(call(TEAM_A_DEV, "PUT", "/api/applications/new", app("new", "team-a")),
        "applications/create on project team-a (application new)");
    assertThat(queue.sent).isEmpty();
    assertThat(local.parts().applications().get("new")).isEmpty();
    // A refresh records what a scan would (applications/get, as Argo CD's), but the objects it compared show live
    // state, which /resources keeps to applications/diff: not in a viewer's answer.
    Answer refreshed = call(TEAM_A_DEV, "POST", "/api/applications/web/refresh", null);
    assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
    assertThat(refreshed.body().path("status").path("sync").asText()).isEqualTo("OutOfSync");
    assertThat(refreshed.body().has("resources")).isTrue();
    assertThat(refreshed.body().path("resources").isNull()).isTrue();
    assertThat(queue.sent).isEmpty();
  }

  @Test
  void anApplicationOutsideTheCallersProjectsIsRefusedAsOneThatDoesNotExistIs() throws Exception {
    Answer other = call(TEAM_A_DEV, "GET", "/api/applications/pay", null);
    Answer missing = call(TEAM_A_DEV, "GET", "/api/applications/nope", null);
    refused(other, "applications/get on application pay");
    refused(missing, "applications/get on application nope");
    assertThat(other.body().toString().replace("pay", "nope")).isEqualTo(missing.body().toString());
    // A refresh records a status: it asks what reading one does, and records nothing when refused.
    refused(call(TEAM_A_DEV, "POST", "/api/applications/pay/refresh", null), "applications/get on application pay");
    assertThat(local.parts().status().get("pay").updatedAt()).isNull();
    assertThat(local.parts().status().history("pay", 10)).isEmpty();
  }

  @Test
  void aDeployerSyncsAndDiffsButCannotCreateOrDelete() throws Exception {
    assertThat(call(TEAM_A_CI, "POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
    assertThat(queue.sent).hasSize(1);
    Answer diff = call(TEAM_A_CI, "GET", "/api/applications/web/diff", null);
    assertThat(diff.status()).as(diff.body().toString()).isEqualTo(200);
    Answer refreshed = call(TEAM_A_CI, "POST", "/api/applications/web/refresh", null);
    assertThat(refreshed.body().path("resources").findValuesAsText("name")).containsExactly("settings");
    refused(call(TEAM_A_CI, "POST", "/api/applications/pay/sync", null), "applications/sync on application pay");
    refused(call(TEAM_A_CI, "PUT", "/api/applications/new", app("new", "team-a")),
        "applications/create on project team-a (application new)");
    refused(call(TEAM_A_CI, "DELETE", "/api/applications/web", null),
        "applications/delete on project team-a (application web)");
    assertThat(local.parts().applications().get("web")).isPresent();
    assertThat(queue.sent).hasSize(1);
  }

  @Test
  void aProjectAdminManagesApplicationsInItsProjectOnly() throws Exception {
    assertThat(call(TEAM_A_ADMIN, "PUT", "/api/applications/api", app("api", "team-a")).status()).isEqualTo(201);
    assertThat(call(TEAM_A_ADMIN, "PUT", "/api/applications/api", app("api", "team-a").replace("main", "v2"),
        "If-Match", "1").status()).isEqualTo(200);
    assertThat(call(TEAM_A_ADMIN, "DELETE", "/api/applications/api", null).status()).isEqualTo(200);
    refused(call(TEAM_A_ADMIN, "PUT", "/api/applications/b2", app("b2", "team-b")),
        "applications/create on application b2");
    refused(call(TEAM_A_ADMIN, "PUT", "/api/applications/web", app("web", "team-b"), "If-Match", "1"),
        "applications/update on application web");
    refused(call(TEAM_A_ADMIN, "DELETE", "/api/applications/pay", null), "applications/delete on application pay");
    refused(call(TEAM_A_ADMIN, "DELETE", "/api/clusters/c1", null), "clusters/delete on cluster c1");
    assertThat(local.parts().applications().get("web").orElseThrow().application().project()).isEqualTo("team-a");
    assertThat(local.parts().applications().get("b2")).isEmpty();
    assertThat(local.parts().clusters().get("c1")).isPresent();
  }

  @Test
  void aProjectAdminMayNarrowItsProjectButNeitherWidenItNorCreateOrDeleteProjects() throws Exception {
    String narrowed = project("team-a").replace("\"sourceRepos\": [\"*\"]",
        "\"sourceRepos\": [\"*\", \"!https://evil.example/*\"]");
    Answer narrow = call(TEAM_A_ADMIN, "PUT", "/api/projects/team-a", narrowed, "If-Match", "1");
    assertThat(narrow.status()).as(narrow.body().toString()).isEqualTo(200);

    String widened = project("team-a").replace("\"namespace\": \"*\"}", "\"namespace\": \"*\"}, {\"name\": \"c2\"}");
    Answer widen = call(TEAM_A_ADMIN, "PUT", "/api/projects/team-a", widened, "If-Match", "2");
    assertThat(widen.status()).isEqualTo(403);
    assertThat(widen.body().path("missing").asText()).contains("projects/update as an admin")
        .contains("spec.sourceRepos: removes !https://evil.example/*").contains("spec.destinations: adds");
    assertThat(call(PLATFORM, "GET", "/api/projects/team-a", null).body().path("version").asLong()).isEqualTo(2);

    refused(call(TEAM_A_ADMIN, "PUT", "/api/projects/team-b", project("team-b"), "If-Match", "1"),
        "projects/update on project team-b");
    refused(call(TEAM_A_ADMIN, "PUT", "/api/projects/team-c", project("team-c")), "projects/create on project team-c");
    refused(call(TEAM_A_ADMIN, "DELETE", "/api/projects/team-a", null), "projects/delete on project team-a");
    refused(call(TEAM_A_CI, "PUT", "/api/projects/team-a", narrowed, "If-Match", "2"), "projects/update on project team-a");
    assertThat(call(PLATFORM, "PUT", "/api/projects/team-a", widened, "If-Match", "2").status()).isEqualTo(200);
  }

  @Test
  void anAdminManagesClustersAndThePolicyAndOthersCannotTouchThePolicy() throws Exception {
    Answer registered = call(PLATFORM, "PUT", "/api/clusters/c2",
        "auth: kubeconfig\nsecretId: " + local.kubeconfigSecret("c1") + "\n");
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
    assertThat(call(PLATFORM, "DELETE", "/api/clusters/c2", null).status()).isEqualTo(200);
    Answer policy = call(PLATFORM, "GET", "/api/access", null);
    assertThat(policy.status()).isEqualTo(200);
    assertThat(policy.body().path("version").asLong()).isEqualTo(1);
    assertThat(policy.body().path("document").path("bindings")).hasSize(4);

    String widened = POLICY + "  - {principal: \"arn:aws:iam::123456789012:role/team-a-ci\", role: admin}\n";
    refused(call(TEAM_A_ADMIN, "PUT", "/api/access", widened, "If-Match", "1"), "access/update");
    refused(call(TEAM_A_CI, "GET", "/api/access", null), "access/get");
    assertThat(store.get().orElseThrow().version()).isEqualTo(1);

    Answer replaced = call(PLATFORM, "PUT", "/api/access", POLICY.replace("role: viewer", "role: deployer"),
        "If-Match", "1");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().path("version").asLong()).isEqualTo(2);
    assertThat(call(TEAM_A_DEV, "POST", "/api/applications/web/sync", null).status()).isEqualTo(202);
  }

  @Test
  void aPolicyIsValidatedAndOneThatLocksEveryoneOutIsRefused() throws Exception {
    Answer bad = call(PLATFORM, "PUT", "/api/access", "bindings:\n  - {principal: '*', role: owner}\n", "If-Match",
        "1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("error").asText())
        .isEqualTo("access policy: bindings[0].role must be admin, project-admin, deployer or viewer, not owner");
    Api withoutBootstrap = new Api(fn, store, AccessControl.over(store, List.of(), fn.clock()), fn.clock());
    Answer lockOut = callOn(withoutBootstrap, PLATFORM, "PUT", "/api/access",
        "bindings:\n  - {principal: '*', role: viewer, projects: ['*']}\n", "If-Match", "1");
    assertThat(lockOut.status()).isEqualTo(400);
    assertThat(lockOut.body().path("error").asText()).startsWith("access policy: bindings: no binding has role admin");
    assertThat(store.get().orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void everyRouteRefusesACallerWithNoRoleAndDoesNothing() throws Exception {
    List<String> open = new ArrayList<>();
    for (Router.Route r : api.routes()) {
      String path = r.pattern().replace("{name}", "web");
      for (String caller : new String[] {STRANGER, null, "not-an-arn"}) {
        Answer a = call(caller, r.method(), path, r.method().equals("GET") ? null : app("web", "team-a"));
        if (a.status() != 403) open.add(r.method() + " " + r.pattern() + " as " + caller + ": " + a.status());
      }
    }
    assertThat(open).containsExactly("GET /api/whoami as " + STRANGER + ": 200", "GET /api/whoami as null: 200",
        "GET /api/whoami as not-an-arn: 200");
    assertThat(queue.sent).isEmpty();
    assertThat(local.parts().applications().get("web").orElseThrow().version()).isEqualTo(1);
    assertThat(store.get().orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void whoamiAnswersTheResolvedPrincipalAndItsRolesPerProject() throws Exception {
    Answer ci = call(TEAM_A_CI, "GET", "/api/whoami", null);
    assertThat(ci.body().path("principal").asText()).isEqualTo("arn:aws:iam::123456789012:role/team-a-ci");
    assertThat(ci.body().path("admin").asBoolean()).isFalse();
    assertThat(ci.body().path("roles").toString()).isEqualTo("[{\"role\":\"deployer\",\"projects\":[\"team-a\"]}]");
    Answer pathed = call(TEAM_A_ADMIN, "GET", "/api/whoami", null);
    assertThat(pathed.body().path("roles").toString())
        .isEqualTo("[{\"role\":\"project-admin\",\"projects\":[\"team-a\"]}]");
    Answer nobody = call(null, "GET", "/api/whoami", null);
    assertThat(nobody.body().path("principal").isNull()).isTrue();
    assertThat(nobody.body().path("roles")).isEmpty();
  }

  @Test
  void inAwsTheCallerComesFromTheAuthorizerAndACallerHeaderIsIgnored() {
    ApiHandler handler = new ApiHandler(fn, store, List.of(PrincipalPattern.parse(BOOTSTRAP)));
    var r = handler.handleRequest(ApiEvents.as(STRANGER, "DELETE", "/api/applications/web", null,
        "X-Driftless-Caller", BOOTSTRAP), new LocalContext("api", Duration.ofSeconds(30), Clock.systemUTC()));
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(local.parts().applications().get("web")).isPresent();
  }
}
