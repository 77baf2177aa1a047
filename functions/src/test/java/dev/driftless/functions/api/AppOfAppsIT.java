package dev.driftless.functions.api;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App of apps, Argo CD's documented layout written here: a parent Application whose path holds three child
 * Application documents, each deploying a directory of its own. Against moto, a real Git repository and the local
 * cluster, through the API and the sync function (which queues the children's first reconcile).
 */
@LocalAws
@LocalKubernetes
class AppOfAppsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final RecordingQueue queue = new RecordingQueue();
  private LocalDriftless local;
  private TestRepo repo;
  private Functions fn;
  private ApiHandler api;
  private String ns;

  @BeforeEach
  void wire(LocalClusters clusters, TestNamespace namespace) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
    repo = local.repo;
    fn = new Functions(local.reconciler(), local.parts(), queue, Clock.systemUTC());
    api = new ApiHandler(fn, new AccessStore(local.ddb, local.settings.table(), Clock.systemUTC()),
        ApiEvents.admins());
    ns = namespace.name();
  }

  @AfterEach
  void close() {
    local.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, String body) throws Exception {
    var r = api.handleRequest(event(method, path, body, "Content-Type", "application/yaml"),
        new LocalContext("api", Duration.ofSeconds(60), Clock.systemUTC()));
    return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()));
  }

  /** Asks for a sync of the parent {@code root} and runs it, with whatever it queues. */
  private void syncRoot() throws Exception {
    call("POST", "/api/applications/root/sync", null);
    queue.deliverAll(fn);
  }

  /** The parent's latest history entry. */
  private JsonNode lastRootOperation() throws Exception {
    return call("GET", "/api/applications/root/history", null).body().path("items").get(0);
  }

  private String parent(String name, String path, boolean prune) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: %s, namespace: argocd}
        spec:
          project: default
          source: {repoURL: "%s", targetRevision: main, path: %s}
          destination: {name: c1, namespace: %s}
          syncPolicy: {automated: {prune: %s}}
        """.formatted(name, repo.fileUrl(), path, ns, prune);
  }

  /** A child Application as Argo CD's app-of-apps examples write them, deploying {@code apps/<dir>}. */
  private String child(String name, String dir, String project, boolean finalizer) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: argocd
        %s
        spec:
          project: %s
          source:
            repoURL: "%s"
            targetRevision: main
            path: apps/%s
          destination:
            name: c1
            namespace: %s
          syncPolicy:
            automated: {prune: true, selfHeal: true}
        """.formatted(name, finalizer ? "  finalizers: [resources-finalizer.argocd.argoproj.io]" : "", project,
        repo.fileUrl(), dir, ns);
  }

  private static String config(String name, String mode) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {mode: " + mode + "}\n";
  }

  private ConfigMap configMap(LocalClusters clusters, String name) {
    return clusters.client("c1").configMaps().inNamespace(ns).withName(name).get();
  }

  private Map<String, String> threeChildren() {
    Map<String, String> files = new HashMap<>(TestRepo.files(
        "apps/root/guestbook.yaml", child("guestbook", "guestbook", "default", true),
        "apps/root/helm-guestbook.yaml", child("helm-guestbook", "helm-guestbook", "default", false),
        "apps/root/kustomize.guestbook.yaml", child("kustomize.guestbook", "kustomize-guestbook", "default", true)));
    files.putAll(TestRepo.files("apps/guestbook/cm.yaml", config("guestbook", "blue"),
        "apps/helm-guestbook/cm.yaml", config("helm-guestbook", "blue"),
        "apps/kustomize-guestbook/cm.yaml", config("kustomize-guestbook", "blue")));
    return files;
  }

  @Test
  void anAppOfThreeAppsRegistersSyncsListsUpdatesAndPrunesItsChildrenAsArgoCdsFinalizerSays(LocalClusters clusters)
      throws Exception {
    repo.commit("root and three apps", threeChildren());
    assertThat(call("PUT", "/api/applications/root", parent("root", "apps/root", true)).status()).isEqualTo(201);
    assertThat(call("POST", "/api/applications/root/sync", null).status()).isEqualTo(202);
    queue.deliverAll(fn);

    ApplicationStore apps = local.parts().applications();
    for (String name : List.of("guestbook", "helm-guestbook", "kustomize.guestbook")) {
      assertThat(apps.get(name)).hasValueSatisfying(s -> assertThat(s.owner()).isEqualTo("application/root"));
    }
    // Each child was queued once registered, and, automated, deployed its own directory.
    assertThat(configMap(clusters, "guestbook").getData()).containsEntry("mode", "blue");
    assertThat(configMap(clusters, "helm-guestbook").getMetadata().getAnnotations())
        .containsEntry("driftless.dev/tracking-id", "helm-guestbook:/ConfigMap:" + ns + "/helm-guestbook");
    assertThat(configMap(clusters, "kustomize-guestbook")).isNotNull();
    // Nothing of the parent's render reached the cluster as a custom resource; its history counts the children.
    JsonNode root = call("GET", "/api/applications/root", null).body();
    assertThat(root.path("status").path("sync").asText()).isEqualTo("Synced");
    assertThat(root.path("status").path("objects").asInt()).isZero();
    assertThat(root.path("children")).hasSize(3).allSatisfy(c -> {
      assertThat(c.path("sync").asText()).isEqualTo("Synced");
      assertThat(c.path("health").asText()).isEqualTo("Healthy");
    });
    assertThat(lastRootOperation().path("counts")
        .path("create").asInt()).isEqualTo(3);

    // A changed child document updates the child; a user may not change it behind the parent's back.
    Answer byHand = call("PUT", "/api/applications/guestbook", child("guestbook", "elsewhere", "default", true));
    assertThat(byHand.status()).isEqualTo(409);
    assertThat(byHand.body().path("error").asText()).isEqualTo("application guestbook: registered by"
        + " application/root (an app of apps): change it in that application's source");
    repo.commit("guestbook tracks green", TestRepo.files("apps/root/guestbook.yaml",
        child("guestbook", "guestbook-green", "default", true), "apps/guestbook-green/cm.yaml",
        config("guestbook", "green")));
    assertThat(call("POST", "/api/applications/root/sync", null).status()).isEqualTo(202);
    queue.deliverAll(fn);
    assertThat(apps.get("guestbook").orElseThrow().application().source().path()).isEqualTo("apps/guestbook-green");
    assertThat(configMap(clusters, "guestbook").getData()).containsEntry("mode", "green");

    // Two children leave the render: with the resources finalizer its objects go; without, they stay.
    repo.commit("two apps leave", TestRepo.files("apps/root/guestbook.yaml", null,
        "apps/root/helm-guestbook.yaml", null));
    assertThat(call("POST", "/api/applications/root/sync", null).status()).isEqualTo(202);
    queue.deliverAll(fn);
    assertThat(apps.get("guestbook")).isEmpty();
    assertThat(configMap(clusters, "guestbook")).isNull();
    assertThat(apps.get("helm-guestbook")).isEmpty();
    assertThat(configMap(clusters, "helm-guestbook")).isNotNull();
    assertThat(apps.get("kustomize.guestbook")).isPresent();
    assertThat(call("GET", "/api/applications/root", null).body().path("children")).singleElement()
        .satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("kustomize.guestbook"));
  }

  @Test
  void aParentDeletedWithCascadeTakesItsChildrenAndTheObjectsOfThoseWithTheResourcesFinalizer(LocalClusters clusters)
      throws Exception {
    repo.commit("root and three apps", threeChildren());
    call("PUT", "/api/applications/root", parent("root", "apps/root", false));
    syncRoot();
    assertThat(configMap(clusters, "helm-guestbook")).isNotNull();

    Answer deleted = call("DELETE", "/api/applications/root?cascade=true", null);

    assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
    ApplicationStore apps = local.parts().applications();
    for (String name : List.of("root", "guestbook", "helm-guestbook", "kustomize.guestbook")) {
      assertThat(apps.get(name)).as(name).isEmpty();
    }
    // As Argo CD deletes a parent's Application resources: the finalizer decides whether a child's objects go.
    assertThat(configMap(clusters, "guestbook")).isNull();
    assertThat(configMap(clusters, "kustomize-guestbook")).isNull();
    assertThat(configMap(clusters, "helm-guestbook")).isNotNull();
  }

  @Test
  void aParentDeletedWithoutCascadeLeavesItsChildrenRegisteredAndARegisteredParentAdoptsThemAgain(
      LocalClusters clusters) throws Exception {
    repo.commit("root and three apps", threeChildren());
    call("PUT", "/api/applications/root", parent("root", "apps/root", true));
    syncRoot();

    Answer deleted = call("DELETE", "/api/applications/root", null);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().path("note").asText()).contains("3 child application(s) stay registered");
    ApplicationStore apps = local.parts().applications();
    assertThat(apps.get("root")).isEmpty();
    assertThat(apps.get("guestbook")).isPresent();
    assertThat(configMap(clusters, "guestbook")).isNotNull();
    // Its child Application resources were left in place, as the parent's other objects: registering it again
    // finds them its own, as Argo CD's re-created parent does.
    assertThat(call("PUT", "/api/applications/root", parent("root", "apps/root", true)).status()).isEqualTo(201);
    syncRoot();
    assertThat(call("GET", "/api/applications/root", null).body().path("status").path("sync").asText())
        .isEqualTo("Synced");
    assertThat(apps.get("guestbook").orElseThrow().owner()).isEqualTo("application/root");
  }

  @Test
  void aChildLeavingTheRenderOfAParentThatDoesNotPruneStaysAndTheParentIsOutOfSync() throws Exception {
    repo.commit("root and three apps", threeChildren());
    call("PUT", "/api/applications/root", parent("root", "apps/root", false));
    syncRoot();
    repo.commit("one app leaves", TestRepo.files("apps/root/guestbook.yaml", null));
    syncRoot();
    assertThat(local.parts().applications().get("guestbook")).isPresent();

    // As for any object whose pruning is off: the next scan finds the parent out of sync, naming the prune.
    queue.enqueue(new SyncMessage("root", Trigger.SCHEDULE, null, Instant.now()), "scan-root");
    queue.deliverAll(fn);
    assertThat(local.parts().applications().get("guestbook")).isPresent();
    JsonNode status = call("GET", "/api/applications/root", null).body().path("status");
    assertThat(status.path("sync").asText()).isEqualTo("OutOfSync");
    assertThat(status.path("lastMessage").asText()).contains("prune");
  }

  @Test
  void aChildMayNotTakeTheNameOfAnApplicationAUserRegisteredAndNothingOfTheParentIsRegistered() throws Exception {
    repo.commit("apps", threeChildren());
    assertThat(call("PUT", "/api/applications/helm-guestbook", child("helm-guestbook", "helm-guestbook", "default",
        false)).status()).isEqualTo(201);
    call("PUT", "/api/applications/root", parent("root", "apps/root", true));
    syncRoot();

    assertThat(local.parts().applications().get("guestbook")).isEmpty();
    assertThat(local.parts().applications().get("helm-guestbook").orElseThrow().owner()).isNull();
    JsonNode history = lastRootOperation();
    assertThat(history.path("result").asText()).isEqualTo("failed");
    assertThat(history.path("message").asText()).contains("application root: child documents refused: Application"
        + " helm-guestbook (apps/root/helm-guestbook.yaml): the name is already registered by a user");
  }

  @Test
  void aChildMayNotTakeTheNameOfAnotherParentsChild() throws Exception {
    Map<String, String> files = threeChildren();
    files.put("apps/other/guestbook.yaml", child("guestbook", "guestbook", "default", false));
    repo.commit("two parents", files);
    call("PUT", "/api/applications/root", parent("root", "apps/root", true));
    syncRoot();
    call("PUT", "/api/applications/other", parent("other", "apps/other", true));
    call("POST", "/api/applications/other/sync", null);
    queue.deliverAll(fn);

    assertThat(local.parts().applications().get("guestbook").orElseThrow().owner()).isEqualTo("application/root");
    assertThat(call("GET", "/api/applications/other/history", null).body().path("items").get(0).path("message")
        .asText()).contains("Application guestbook (apps/other/guestbook.yaml): the name is already registered by"
            + " application/root");
  }

  @Test
  void aChildOutsideTheParentsProjectIsRefused() throws Exception {
    assertThat(call("PUT", "/api/projects/team-b", """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-b}
        spec:
          sourceRepos: ['*']
          destinations: [{name: '*', namespace: '*'}]
        """).status()).isEqualTo(201);
    Map<String, String> files = threeChildren();
    files.put("apps/root/helm-guestbook.yaml", child("helm-guestbook", "helm-guestbook", "team-b", false));
    repo.commit("a child in another project", files);
    call("PUT", "/api/applications/root", parent("root", "apps/root", true));
    syncRoot();

    assertThat(local.parts().applications().get("guestbook")).isEmpty();
    assertThat(lastRootOperation().path("message")
        .asText()).contains("Application helm-guestbook (apps/root/helm-guestbook.yaml): spec.project team-b is"
            + " neither the parent's project default nor one the parent registers");
  }

  @Test
  void aChildWhoseRepositoryTheParentsProjectRefusesIsRefusedNamingTheRule() throws Exception {
    assertThat(call("PUT", "/api/projects/team-a", """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-a}
        spec:
          sourceRepos: ['%s']
          destinations: [{name: c1, namespace: '*'}]
        """.formatted(repo.fileUrl())).status()).isEqualTo(201);
    String outside = child("guestbook", "guestbook", "team-a", false)
        .replace("repoURL: \"" + repo.fileUrl() + "\"", "repoURL: https://github.com/evil/deploy.git");
    repo.commit("a child from another repository", TestRepo.files("apps/root/guestbook.yaml", outside));
    call("PUT", "/api/applications/root", parent("root", "apps/root", true).replace("project: default",
        "project: team-a"));
    syncRoot();

    assertThat(local.parts().applications().get("guestbook")).isEmpty();
    assertThat(lastRootOperation().path("message")
        .asText()).contains("Application guestbook (apps/root/guestbook.yaml): refused by project team-a:"
            + " spec.source.repoURL https://github.com/evil/deploy.git");
  }

  @Test
  void aParentRegistersAProjectOfItsOwnAndChildrenInItThenUnregistersThemChildrenFirst(LocalClusters clusters)
      throws Exception {
    String project = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-c, namespace: argocd}
        spec:
          sourceRepos: ['%s']
          destinations: [{name: c1, namespace: '%s'}]
        """.formatted(repo.fileUrl(), ns);
    repo.commit("a project and an app in it", TestRepo.files("apps/root/project.yaml", project,
        "apps/root/guestbook.yaml", child("guestbook", "guestbook", "team-c", false),
        "apps/guestbook/cm.yaml", config("guestbook", "blue")));
    call("PUT", "/api/applications/root", parent("root", "apps/root", true));
    syncRoot();

    assertThat(local.parts().projects().store().get("team-c").orElseThrow().owner()).isEqualTo("application/root");
    assertThat(local.parts().applications().get("guestbook").orElseThrow().application().project())
        .isEqualTo("team-c");
    assertThat(configMap(clusters, "guestbook")).isNotNull();
    Answer byHand = call("PUT", "/api/projects/team-c", project);
    assertThat(byHand.status()).isEqualTo(409);
    assertThat(byHand.body().path("error").asText()).contains("registered by application/root");

    repo.commit("both leave", TestRepo.files("apps/root/project.yaml", null, "apps/root/guestbook.yaml", null,
        "apps/root/keep.yaml", config("keep", "x")));
    syncRoot();
    assertThat(local.parts().applications().get("guestbook")).isEmpty();
    assertThat(local.parts().projects().store().get("team-c")).isEmpty();
  }

  @Test
  void aParentWhoseProjectDoesNotAllowApplicationResourcesRegistersNoChild() throws Exception {
    assertThat(call("PUT", "/api/projects/team-a", """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-a}
        spec:
          sourceRepos: ['*']
          destinations: [{name: c1, namespace: '*'}]
          namespaceResourceWhitelist: [{group: '', kind: ConfigMap}]
        """).status()).isEqualTo(201);
    repo.commit("a child", TestRepo.files("apps/root/guestbook.yaml", child("guestbook", "guestbook", "team-a",
        false)));
    call("PUT", "/api/applications/root", parent("root", "apps/root", true).replace("project: default",
        "project: team-a"));
    syncRoot();

    assertThat(local.parts().applications().get("guestbook")).isEmpty();
    assertThat(lastRootOperation().path("message")
        .asText()).contains("Application guestbook (apps/root/guestbook.yaml): not in namespaceResourceWhitelist of"
            + " project team-a");
  }
}
