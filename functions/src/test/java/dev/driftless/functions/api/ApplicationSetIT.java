package dev.driftless.functions.api;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.DriftScanHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AccessStore;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ApplicationSets against moto, a real Git repository and two local clusters, through the API, the sync function
 * (which evaluates sets and syncs the Applications they generate) and the drift scan (which evaluates them again).
 */
@LocalAws
@LocalKubernetes
class ApplicationSetIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;
  private TestRepo repo;
  private Functions fn;
  private ApiHandler api;
  private String ns;
  private LocalClusters clusters;

  @BeforeEach
  void wire(LocalClusters clusters, TestNamespace namespace) {
    this.clusters = clusters;
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1", "c2");
    repo = local.repo;
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    api = new ApiHandler(fn, new AccessStore(local.ddb, local.settings.table(), Clock.systemUTC()),
        ApiEvents.admins());
    ns = namespace.name();
    clusters.client("c2").namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
        .build()).create();
  }

  @AfterEach
  void close() {
    clusters.client("c2").namespaces().withName(ns).delete();
    local.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, String body, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/yaml";
    System.arraycopy(headers, 0, all, 2, headers.length);
    var r = api.handleRequest(event(method, path, body, all),
        new LocalContext("api", Duration.ofSeconds(60), Clock.systemUTC()));
    return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()));
  }

  private String matrixSet(boolean preserve) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook, namespace: argocd}
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
            - matrix:
                generators:
                  - clusters: {}
                  - git:
                      repoURL: "%s"
                      revision: main
                      directories: [{path: 'apps/*'}]
          template:
            metadata:
              name: '{{.name}}-{{.path.basename}}'
              finalizers: [resources-finalizer.argocd.argoproj.io]
            spec:
              project: default
              source: {repoURL: "%s", targetRevision: main, path: '{{.path.path}}'}
              destination: {name: '{{.name}}', namespace: %s}
              syncPolicy: {automated: {prune: true}}
          syncPolicy: {preserveResourcesOnDeletion: %s}
        """.formatted(repo.fileUrl(), repo.fileUrl(), ns, preserve);
  }

  private static String config(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {mode: blue}\n";
  }

  private ConfigMap configMap(String cluster, String name) {
    return clusters.client(cluster).configMaps().inNamespace(ns).withName(name).get();
  }

  private void threeDirectories() {
    repo.commit("three apps", TestRepo.files("apps/guestbook/cm.yaml", config("guestbook"),
        "apps/frontend/cm.yaml", config("frontend"), "apps/backend/cm.yaml", config("backend")));
  }

  @Test
  void aMatrixOfTwoClustersAndThreeGitDirectoriesGeneratesSixApplicationsThatSyncAndFollowTheRepository()
      throws Exception {
    threeDirectories();
    Answer created = call("PUT", "/api/applicationsets/guestbook", matrixSet(false));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    queue.deliverAll(fn);

    ApplicationStore apps = local.parts().applications();
    List<String> six = List.of("c1-backend", "c1-frontend", "c1-guestbook", "c2-backend", "c2-frontend",
        "c2-guestbook");
    assertThat(apps.ownedBy(ApplicationStore.setOwner("guestbook"))).containsExactlyElementsOf(six);
    for (String cluster : List.of("c1", "c2")) {
      for (String dir : List.of("guestbook", "frontend", "backend")) {
        assertThat(configMap(cluster, dir)).as(cluster + "/" + dir).isNotNull();
      }
    }
    JsonNode got = call("GET", "/api/applicationsets/guestbook", null).body();
    assertThat(got.path("applications")).hasSize(6)
        .allSatisfy(a -> assertThat(a.path("sync").asText()).isEqualTo("Synced"));
    Answer byHand = call("PUT", "/api/applications/c1-guestbook", "apiVersion: argoproj.io/v1alpha1\n"
        + "kind: Application\nmetadata: {name: c1-guestbook}\nspec: {source: {repoURL: '" + repo.fileUrl()
        + "'}, destination: {name: c1, namespace: " + ns + "}}\n");
    assertThat(byHand.status()).isEqualTo(409);

    // A directory leaves the repository: the drift scan evaluates the set again and its Applications go, with
    // their objects (the resources finalizer).
    repo.commit("backend leaves", TestRepo.files("apps/backend/cm.yaml", null));
    new DriftScanHandler(fn).handleRequest(new ScheduledEvent(),
        new LocalContext("scan", Duration.ofMinutes(1), Clock.systemUTC()));
    queue.deliverAll(fn);
    assertThat(apps.ownedBy(ApplicationStore.setOwner("guestbook"))).containsExactly("c1-frontend", "c1-guestbook",
        "c2-frontend", "c2-guestbook");
    assertThat(configMap("c1", "backend")).isNull();
    assertThat(configMap("c2", "backend")).isNull();
  }

  @Test
  void deletingASetThatPreservesResourcesRemovesItsApplicationsAndLeavesTheirObjects() throws Exception {
    threeDirectories();
    call("PUT", "/api/applicationsets/guestbook", matrixSet(true));
    queue.deliverAll(fn);
    assertThat(configMap("c2", "frontend")).isNotNull();

    Answer deleted = call("DELETE", "/api/applicationsets/guestbook", null);
    assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
    assertThat(local.parts().applications().ownedBy(ApplicationStore.setOwner("guestbook"))).isEmpty();
    assertThat(local.parts().applications().get("c2-frontend")).isEmpty();
    assertThat(configMap("c2", "frontend")).isNotNull();
    assertThat(call("GET", "/api/applicationsets/guestbook", null).status()).isEqualTo(404);
  }

  @Test
  void aSetMayNotTakeTheNameOfAnApplicationAUserRegistered() throws Exception {
    threeDirectories();
    assertThat(call("PUT", "/api/applications/c1-guestbook", "apiVersion: argoproj.io/v1alpha1\n"
        + "kind: Application\nmetadata: {name: c1-guestbook}\nspec: {source: {repoURL: '" + repo.fileUrl()
        + "', path: apps/guestbook}, destination: {name: c1, namespace: " + ns + "}}\n").status()).isEqualTo(201);
    call("PUT", "/api/applicationsets/guestbook", matrixSet(false));
    queue.deliverAll(fn);

    assertThat(local.parts().applications().get("c1-guestbook").orElseThrow().owner()).isNull();
    assertThat(local.parts().applications().ownedBy(ApplicationStore.setOwner("guestbook"))).isEmpty();
    JsonNode last = call("GET", "/api/applicationsets/guestbook", null).body().path("lastEvaluation");
    assertThat(last.path("failed").asBoolean()).isTrue();
    assertThat(last.path("message").asText()).contains("applicationset guestbook: child documents refused:"
        + " Application c1-guestbook (applicationset guestbook): the name is already registered by a user");
  }

  @Test
  void anUnsupportedGeneratorIsRefusedNamingItAndNothingIsStored() throws Exception {
    Answer refused = call("PUT", "/api/applicationsets/prs", """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: prs}
        spec:
          generators: [{pullRequest: {github: {owner: acme, repo: deploy}}}]
          template:
            metadata: {name: 'pr-{{number}}'}
            spec: {project: default, source: {repoURL: https://github.com/acme/deploy.git}, destination: {name: c1}}
        """);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asText()).isEqualTo("applicationset prs: spec.generators[0].pullRequest"
        + " generator pullRequest is not supported by Driftless (supported: list, clusters, git, matrix, merge)");
    assertThat(call("GET", "/api/applicationsets/prs", null).status()).isEqualTo(404);
  }

  private String project(String repos) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-a}
        spec:
          sourceRepos: [%s]
          destinations: [{name: '*', namespace: '*'}]
        """.formatted(repos);
  }

  @Test
  void aGitGeneratorReadingARepositoryTheProjectDoesNotAllowIsRefusedAtRegistrationAndAtEvaluation()
      throws Exception {
    threeDirectories();
    assertThat(call("PUT", "/api/projects/team-a", project("'https://git.example.com/team-a/*'")).status())
        .isEqualTo(201);
    String set = matrixSet(false).replace("project: default", "project: team-a");
    Answer refused = call("PUT", "/api/applicationsets/guestbook", set);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().path("error").asText()).isEqualTo("applicationset guestbook: git generator repoURL "
        + repo.fileUrl() + " is not permitted by sourceRepos of project team-a");
    assertThat(call("GET", "/api/applicationsets/guestbook", null).status()).isEqualTo(404);

    // Allowed at registration, then the project narrows: the next evaluation fetches nothing and registers nothing.
    String both = project("'" + repo.fileUrl() + "', 'https://git.example.com/team-a/*'");
    assertThat(call("PUT", "/api/projects/team-a", both, "If-Match", "*").status()).isEqualTo(200);
    assertThat(call("PUT", "/api/applicationsets/guestbook", set).status()).isEqualTo(201);
    queue.sent.clear();
    assertThat(call("PUT", "/api/projects/team-a", project("'https://git.example.com/team-a/*'"), "If-Match", "*")
        .status()).isEqualTo(200);
    queue.enqueue(new SyncMessage(SyncMessage.SET_PREFIX + "guestbook", Trigger.SCHEDULE, null, Instant.now()),
        "scan-guestbook");
    queue.deliverAll(fn);
    assertThat(local.parts().applications().ownedBy(ApplicationStore.setOwner("guestbook"))).isEmpty();
    JsonNode last = call("GET", "/api/applicationsets/guestbook", null).body().path("lastEvaluation");
    assertThat(last.path("message").asText()).isEqualTo("applicationset guestbook: git generator " + repo.fileUrl()
        + ": not permitted by sourceRepos of project team-a");
  }
}
