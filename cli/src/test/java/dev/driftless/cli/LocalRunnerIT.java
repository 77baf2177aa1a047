package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.Functions;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.health.HealthStatus;
import dev.driftless.source.TestRepo;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.HistoryEntry;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The whole local path: a signed push webhook to the local runner, the local SQS queue, the sync function,
 * the local control plane; and the CLI's commands against the same runner.
 */
@LocalAws
@LocalKubernetes
class LocalRunnerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata: {mode: %s}\n";

  @TempDir Path tmp;
  private RunnerFixture local;
  private Functions fn;
  private TestRepo repo;
  private String url;
  private String secret;
  private String ns;

  @BeforeEach
  void start(LocalClusters clusters) throws IOException {
    local = RunnerFixture.start(tmp, clusters);
    fn = local.fn;
    repo = local.repo;
    url = local.url;
    secret = UUID.randomUUID().toString();
    String id = WebhookOptions.DEFAULT_PREFIX + ApplicationStore.normalizeRepo(repo.fileUrl());
    try (SecretsManagerClient sm = SecretsManagerClient.create()) {
      sm.createSecret(r -> r.name(id).secretString(secret));
    }
    ns = "runner-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop(LocalClusters clusters) {
    local.close();
    clusters.client("c1").namespaces().withName(ns).delete();
  }

  private Run driftless(String... args) {
    return local.driftless(args);
  }

  private void create(String app, String path) throws Exception {
    create(app, path, "{automated: {prune: true}, syncOptions: [CreateNamespace=true]}");
  }

  private void create(String app, String path, String syncPolicy) throws Exception {
    Path f = local.application(app, path, ns, syncPolicy);
    Run r = driftless("app", "create", "-f", f.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  /** Sends a push as a Git server would: Driftless's generic signed webhook; returns the delivery id. */
  private String push(RevCommit before, RevCommit after) throws Exception {
    String body = JSON.writeValueAsString(Map.of("repository", repo.fileUrl(), "ref", "refs/heads/main",
        "before", before == null ? "0".repeat(40) : before.getName(), "after", after.getName()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String delivery = UUID.randomUUID().toString();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/webhook"))
        .header("Content-Type", "application/json").header("X-Driftless-Event", "push")
        .header("X-Driftless-Delivery", delivery)
        .header("X-Driftless-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return delivery;
  }

  private void awaitRevision(String app, String sha) {
    Processes.await(app + " at " + sha, Duration.ofSeconds(90),
        () -> sha.equals(fn.parts().status().get(app).revision()));
  }

  @Test
  void aSignedPushIsAppliedThroughTheLocalQueueAndAPushTouchingAnotherAppSyncsNothingElse() throws Exception {
    RevCommit first = repo.commit("two apps", TestRepo.files("apps/a/cm.yaml", CONFIG.formatted("a", "one"),
        "apps/b/cm.yaml", CONFIG.formatted("b", "one")));
    create("app-a", "apps/a");
    create("app-b", "apps/b");
    push(null, first);
    awaitRevision("app-a", first.getName());
    awaitRevision("app-b", first.getName());
    List<HistoryEntry> bBefore = fn.parts().status().history("app-b", 10);

    RevCommit second = repo.commit("only a", TestRepo.files("apps/a/cm.yaml", CONFIG.formatted("a", "two")));
    String delivery = push(first, second);
    awaitRevision("app-a", second.getName());
    awaitRevision("app-b", second.getName());

    HistoryEntry a = fn.parts().status().history("app-a", 1).get(0);
    assertThat(a.revision()).isEqualTo(second.getName());
    assertThat(a.deliveryId()).isEqualTo("driftless:" + delivery);
    assertThat(a.counts()).containsEntry("configure", 1);
    assertThat(fn.parts().status().history("app-b", 10)).as("app-b: no new operation").isEqualTo(bBefore);
    assertThat(fn.parts().status().get("app-b").lastMessage()).contains("not affected");

    // The CLI sees the same, against the same runner.
    Run list = driftless("app", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("app-a").contains("app-b").contains("Synced");
    JsonNode history = JSON.readTree(driftless("-o", "json", "app", "history", "app-a").out());
    assertThat(history.toString()).contains("driftless:" + delivery);
    Run diff = driftless("app", "diff", "app-a", "--exit-code");
    assertThat(diff.code()).as(diff.out() + diff.err()).isZero();
    Run sync = driftless("app", "sync", "app-a", "--wait", "--interval", "200ms", "--timeout", "2m");
    assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
  }

  private Run syncAndWait(String app, String... options) {
    List<String> args = new ArrayList<>(List.of("app", "sync", app, "--wait", "--interval", "200ms", "--timeout",
        "2m"));
    args.addAll(List.of(options));
    return driftless(args.toArray(String[]::new));
  }

  private ConfigMap configMap(LocalClusters clusters, String name) {
    return clusters.client("c1").configMaps().inNamespace(ns).withName(name).get();
  }

  @Test
  void aOneOffSyncSyncsOnlyTheSelectedObjectsPrunesWhenAskedAndForcesAnImmutableChange(LocalClusters clusters)
      throws Exception {
    String frozen = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen}\nimmutable: true\ndata: {mode: %s}\n";
    repo.commit("three", TestRepo.files("apps/opt/a.yaml", CONFIG.formatted("a", "one"),
        "apps/opt/b.yaml", CONFIG.formatted("b", "one"), "apps/opt/frozen.yaml", frozen.formatted("one")));
    create("opt", "apps/opt", "{syncOptions: [CreateNamespace=true]}");
    Run first = syncAndWait("opt");
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    String frozenUid = configMap(clusters, "frozen").getMetadata().getUid();
    repo.commit("two", TestRepo.files("apps/opt/a.yaml", CONFIG.formatted("a", "two"), "apps/opt/b.yaml", null,
        "apps/opt/frozen.yaml", frozen.formatted("two")));

    Run unknown = driftless("app", "sync", "opt", "--resource", "ConfigMap:a_b!");
    assertThat(unknown.code()).isEqualTo(Main.API_ERROR);
    assertThat(unknown.err()).contains("resources[0].name must be an object name");
    Run selected = syncAndWait("opt", "--resource", "ConfigMap:" + ns + "/a");
    assertThat(selected.code()).as(selected.out() + selected.err()).isZero();
    assertThat(configMap(clusters, "a").getData()).containsEntry("mode", "two");
    assertThat(configMap(clusters, "b")).as("not selected: not pruned").isNotNull();
    assertThat(configMap(clusters, "frozen").getData()).as("not selected: not applied").containsEntry("mode", "one");
    assertThat(JSON.readTree(driftless("app", "get", "opt", "-o", "json").out()).at("/status/sync").asText())
        .as("the objects left out still differ").isEqualTo("OutOfSync");

    Run refused = syncAndWait("opt");
    assertThat(refused.code()).as(refused.out()).isEqualTo(Main.FAILED);
    assertThat(refused.out()).contains("ConfigMap " + ns + "/frozen").contains("immutable");

    Run failedOperation = driftless("app", "wait", "opt", "--operation", "--interval", "200ms", "--timeout", "1m");
    assertThat(failedOperation.code()).as(failedOperation.out()).isEqualTo(Main.FAILED);
    assertThat(failedOperation.out()).startsWith("Failed: ").contains("immutable");

    Run forced = syncAndWait("opt", "--prune", "--force");
    assertThat(forced.code()).as(forced.out() + forced.err()).isZero();
    assertThat(configMap(clusters, "frozen").getData()).containsEntry("mode", "two");
    assertThat(configMap(clusters, "frozen").getMetadata().getUid()).as("deleted and created again")
        .isNotEqualTo(frozenUid);
    Processes.await("b pruned", Duration.ofSeconds(60), () -> configMap(clusters, "b") == null);

    List<String> history = driftless("app", "history", "opt").out().lines().toList();
    assertThat(history.get(1)).contains("[prune, force] synced");
    assertThat(history.get(1)).contains(" ~1 -1 ");
    assertThat(driftless("app", "history", "opt", "-o", "wide").out().lines().toList().get(3))
        .contains("[resource :ConfigMap:" + ns + "/a] synced to");
    assertThat(history).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
  }

  @Test
  void resourcesNameTheObjectThatHoldsHealthBackWaitWaitsForHealthAndACascadingDeleteRemovesTheObjects(
      LocalClusters clusters) throws Exception {
    String stuck = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: stuck}
        spec:
          progressDeadlineSeconds: 1
          selector: {matchLabels: {app: stuck}}
          template:
            metadata: {labels: {app: stuck}}
            spec:
              nodeSelector: {driftless.dev/no-such-node: "true"}
              containers: [{name: c, image: registry.example/stuck:1}]
        """;
    repo.commit("web", TestRepo.files("apps/res/cm.yaml", CONFIG.formatted("settings", "one")));
    create("res", "apps/res", "{syncOptions: [CreateNamespace=true]}");
    assertThat(syncAndWait("res").code()).isZero();
    Run settled = driftless("app", "wait", "res", "--interval", "200ms", "--timeout", "1m");
    assertThat(settled.code()).as(settled.out() + settled.err()).isZero();
    assertThat(settled.out()).isEqualTo("application res: sync Synced, health Healthy, no operation\n");

    repo.commit("stuck", TestRepo.files("apps/res/deploy.yaml", stuck));
    syncAndWait("res"); // Its end depends on how a sync treats a Degraded object: only what follows is asserted.
    // The sync ends once its last wave is applied, its health assessed then; the Deployment turns Degraded at its
    // progress deadline, after that, and a drift scan records it (this runner has no scan timer: one every 3 s).
    local.awaitScanned("stuck Degraded", Duration.ofSeconds(90),
        () -> fn.parts().status().get("res").health() == HealthStatus.DEGRADED);
    Run unhealthy = driftless("app", "wait", "res", "--health", "--interval", "200ms", "--timeout", "1s");
    assertThat(unhealthy.code()).isEqualTo(Main.TIMED_OUT);
    assertThat(unhealthy.out()).startsWith("Timed out after 1s: ").contains("health Degraded");

    Run resources = driftless("app", "resources", "res");
    assertThat(resources.code()).as(resources.err()).isZero();
    List<String> rows = resources.out().lines().toList();
    assertThat(rows.get(0)).startsWith("GROUP").contains("KIND").contains("HEALTH").contains("MESSAGE");
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("apps ").contains("Deployment").contains(" stuck ")
        .contains("Synced").contains("Degraded"));
    assertThat(driftless("app", "resources", "res", "-o", "wide").out()).containsPattern(
        "apps +Deployment +" + ns + " +stuck +Synced +Degraded +exceeded its progress deadline");
    assertThat(rows).anySatisfy(r -> assertThat(r).contains("ConfigMap").contains("settings").contains("Healthy"));
    assertThat(rows).allSatisfy(r -> assertThat(r.length()).as(r).isLessThanOrEqualTo(100));

    Run kept = driftless("app", "delete", "res", "--cascade=false", "-o", "json");
    assertThat(JSON.readTree(kept.out()).path("cascade").asBoolean()).isFalse();
    create("res", "apps/res", "{syncOptions: [CreateNamespace=true]}");
    Run deleted = driftless("app", "delete", "res", "--cascade");
    assertThat(deleted.code()).as(deleted.out() + deleted.err()).isZero();
    assertThat(deleted.out()).isEqualTo("application res deleted; 2 object(s) in cluster c1 deleted; 1 kept "
        + "(Prune=false)\n");
    Processes.await("objects deleted", Duration.ofSeconds(60), () -> configMap(clusters, "settings") == null
        && clusters.client("c1").apps().deployments().inNamespace(ns).withName("stuck").get() == null);
    assertThat(clusters.client("c1").namespaces().withName(ns).get()).as("made by CreateNamespace: kept").isNotNull();
    assertThat(driftless("app", "get", "res").code()).isEqualTo(Main.API_ERROR);
  }

  @Test
  void aFailedRenderRecordsTheCommitItRenderedAndKustomizesErrorOnceWithoutCachePaths() throws Exception {
    RevCommit broken = repo.commit("broken", TestRepo.files("apps/kz/kustomization.yaml",
        "resources: [missing.yaml]\n"));
    create("kz", "apps/kz", "{syncOptions: [CreateNamespace=true]}");
    Run failed = syncAndWait("kz");
    assertThat(failed.code()).as(failed.out()).isEqualTo(Main.FAILED);
    String error = "lstat apps/kz/missing.yaml: no such file or directory";
    assertThat(failed.out()).contains("Failed: apps/kz (kustomize): kustomize failed (exit 1): "
        + "accumulating resources: accumulating resources from 'missing.yaml': evalsymlink failure on "
        + "'apps/kz/missing.yaml' : " + error + "\n").doesNotContain(tmp.toString());
    assertThat(failed.out().split(error, -1)).as("said once in the end line").hasSize(2);
    HistoryEntry h = fn.parts().status().history("kz", 1).get(0);
    assertThat(h.revision()).isEqualTo(broken.getName());
    assertThat(driftless("app", "history", "kz").out().lines().toList().get(1))
        .contains(broken.getName().substring(0, 7)).contains("failed");
  }

  @Test
  void aRollbackIsRefusedWhileTheApplicationSyncsAutomatically() throws Exception {
    RevCommit first = repo.commit("one", TestRepo.files("apps/auto/cm.yaml", CONFIG.formatted("auto", "one")));
    create("auto", "apps/auto");
    assertThat(syncAndWait("auto").code()).isZero();
    String id = fn.parts().status().history("auto", 1).get(0).id();
    assertThat(fn.parts().status().history("auto", 1).get(0).revision()).isEqualTo(first.getName());
    Run refused = driftless("app", "rollback", "auto", id.substring(0, 8));
    assertThat(refused.code()).isEqualTo(Main.API_ERROR);
    assertThat(refused.err()).isEqualTo("error: rollback of application auto: refused while automated sync is on "
        + "(spec.syncPolicy.automated): the next push or scan would sync main again; turn automated sync off first\n");
  }

  @Test
  void aViewerADeployerAndAProjectAdminActingThroughAsGetExactlyTheirCommands() throws Exception {
    repo.commit("web", TestRepo.files("apps/web/cm.yaml", CONFIG.formatted("web", "one")));
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, """
        bindings:
          - {principal: "arn:aws:iam::111122223333:role/platform-*", role: admin}
          - {principal: "arn:aws:iam::111122223333:role/team-a-dev", role: viewer, projects: [team-a]}
          - {principal: "arn:aws:iam::111122223333:role/team-a-ci", role: deployer, projects: [team-a]}
          - {principal: "arn:aws:iam::111122223333:role/team-a-lead", role: project-admin, projects: [team-a]}
        """);
    Run set = driftless("access", "set", "-f", policy.toString());
    assertThat(set.code()).as(set.out() + set.err()).isZero();
    assertThat(set.out()).contains("access policy created (version 1, 4 bindings)");
    Path project = tmp.resolve("team-a.yaml");
    Files.writeString(project, """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team-a}
        spec:
          sourceRepos: ["*"]
          destinations: [{name: c1, namespace: "*"}]
        """);
    assertThat(driftless("project", "create", "-f", project.toString()).code()).isZero();
    Path web = tmp.resolve("web.yaml");
    Files.writeString(web, """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          project: team-a
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {syncOptions: [CreateNamespace=true]}
        """.formatted(repo.fileUrl(), ns));
    assertThat(driftless("app", "create", "-f", web.toString()).code()).isZero();

    String viewer = "arn:aws:sts::111122223333:assumed-role/team-a-dev/cli";
    Run who = driftless("--as", viewer, "whoami");
    assertThat(who.out()).contains("arn:aws:iam::111122223333:role/team-a-dev").contains("viewer   team-a");
    for (String[] ok : new String[][] {{"app", "list"}, {"app", "get", "web"}, {"app", "history", "web"},
        {"cluster", "list"}}) {
      Run r = driftless(as(viewer, ok));
      assertThat(r.code()).as(String.join(" ", ok) + ": " + r.err()).isZero();
    }
    deniedAs(viewer, "applications/sync on project team-a (application web)", "app", "sync", "web");
    deniedAs(viewer, "applications/diff on project team-a (application web)", "app", "diff", "web");
    deniedAs(viewer, "applications/diff on project team-a (application web)", "app", "resources", "web");
    deniedAs(viewer, "access/get", "access", "get");
    deniedAs(viewer, "clusters/delete on cluster c1", "cluster", "remove", "c1");

    String deployer = "arn:aws:sts::111122223333:assumed-role/team-a-ci/cli";
    Run diff = driftless(as(deployer, "app", "diff", "web"));
    assertThat(diff.code()).as(diff.err()).isZero();
    Run sync = driftless(as(deployer, "app", "sync", "web", "--wait", "--interval", "200ms", "--timeout", "2m"));
    assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
    deniedAs(deployer, "applications/delete on project team-a (application web)", "app", "delete", "web");
    deniedAs(deployer, "applications/update on project team-a (application web)", "app", "create", "-f",
        web.toString(), "--replace");
    deniedAs(deployer, "access/update", "access", "set", "-f", policy.toString(), "--if-version", "1");
    assertThat(fn.parts().applications().get("web").orElseThrow().version()).isEqualTo(1);

    String lead = "arn:aws:sts::111122223333:assumed-role/team-a-lead/cli";
    Path api = tmp.resolve("api.yaml");
    Files.writeString(api, Files.readString(web).replace("name: web", "name: api"));
    Run created = driftless(as(lead, "app", "create", "-f", api.toString()));
    assertThat(created.code()).as(created.out() + created.err()).isZero();
    Run deleted = driftless(as(lead, "app", "delete", "api"));
    assertThat(deleted.code()).as(deleted.out() + deleted.err()).isZero();
    Files.writeString(project, Files.readString(project).replace("sourceRepos: [\"*\"]",
        "sourceRepos: [\"*\", \"!https://evil.example/*\"]"));
    Run narrowed = driftless(as(lead, "project", "create", "-f", project.toString(), "--replace"));
    assertThat(narrowed.code()).as(narrowed.out() + narrowed.err()).isZero();
    Files.writeString(project, Files.readString(project).replace(", \"!https://evil.example/*\"", ""));
    deniedAs(lead, "projects/update as an admin (the change widens project team-a: spec.sourceRepos: removes "
        + "!https://evil.example/*)", "project", "create", "-f", project.toString(), "--replace");
    deniedAs(lead, "projects/delete on project team-a", "project", "delete", "team-a");
    deniedAs(lead, "clusters/delete on cluster c1", "cluster", "remove", "c1");
  }

  private static String[] as(String principal, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--as";
    all[1] = principal;
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }

  private void deniedAs(String principal, String missing, String... args) {
    Run r = driftless(as(principal, args));
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.out() + r.err()).isEqualTo(Main.DENIED);
    assertThat(r.err()).contains("missing permission: " + missing);
  }
}
