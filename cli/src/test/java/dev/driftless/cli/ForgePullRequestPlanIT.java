package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.feedback.PlanComment;
import dev.driftless.feedback.ProviderHosts;
import dev.driftless.functions.Functions;
import dev.driftless.local.LocalRunner;
import dev.driftless.local.RunnerOptions;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.Forge;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalForge;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Pull-request plans on a real forge: a pull request on the local Gitea sends Gitea's own signed webhook to the
 * local runner, whose sync function plans the head against the local cluster and keeps one comment on the pull
 * request; a second push to the pull request's branch edits that same comment; the cluster is never changed.
 */
@LocalAws
@LocalKubernetes
@LocalForge
class ForgePullRequestPlanIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMENT_BOUND = Duration.ofMinutes(2);
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: %d
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx}]}
      """;
  private static final String CLUSTER_ROLE = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: %s}
      rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
      """;

  @TempDir Path tmp;
  private final SecretsManagerClient sm = SecretsManagerClient.create();
  private LocalRunner runner;
  private Functions fn;
  private Forge forge;
  private TestRepo repo;
  private KubernetesClient c1;
  private String name;
  private String ns;
  private String role;

  @BeforeEach
  void start(LocalClusters clusters, Forge forge) throws Exception {
    this.forge = forge;
    c1 = clusters.client("c1");
    SqsClient sqs = SqsClient.create();
    LocalRunner.Resources res = LocalRunner.provision(DynamoDbClient.create(), sqs, EventBridgeClient.create(),
        "prplan-" + UUID.randomUUID().toString().substring(0, 8));
    TestTools tools = TestTools.load();
    Map<String, String> env = Map.of("DRIFTLESS_KUSTOMIZE", tools.kustomize().toString(),
        "DRIFTLESS_HELM", tools.helm().toString(), "DRIFTLESS_GIT_CACHE", tmp.resolve("git").toString(),
        ProviderHosts.ENV, "127.0.0.1=gitea");
    fn = LocalRunner.functions(env, res, sqs, Clock.systemUTC());
    runner = LocalRunner.start(fn, sqs, res, 0, LocalRunner.routes(DynamoDbClient.create(), res), null,
        RunnerOptions.defaults(), LocalRunner.planComments(env));

    name = ForgeWiring.repository(forge, sm, runner.port(), "pull_request");
    ForgeWiring.registerC1(fn, sm, clusters, "prplan");
    ns = "prplan-" + UUID.randomUUID().toString().substring(0, 8);
    role = ns + "-reader";
    c1.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    // The project permits the namespace and no cluster-scoped kind: a ClusterRole is a violation.
    fn.parts().projects().store().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: team}
        spec:
          sourceRepos: ['*']
          destinations: [{name: c1, namespace: %s}]
        """.formatted(ns), "team", 0);
    repo = TestRepo.create(tmp.resolve("repo"));
  }

  @AfterEach
  void stop() {
    runner.close();
    repo.close();
    c1.namespaces().withName(ns).delete();
    c1.rbac().clusterRoles().withName(role).delete();
  }

  private RevCommit push(String message, Map<String, String> files, String branch) throws Exception {
    RevCommit c = repo.commit(message, files);
    try (Git git = Git.open(repo.dir().toFile())) {
      git.push().setRemote(forge.cloneUrl(name)).setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch))
          .setCredentialsProvider(new UsernamePasswordCredentialsProvider(Forge.USER, forge.password())).call();
    }
    return c;
  }

  /** Gitea records a pushed branch after the push returns: a pull request can be opened once it has. */
  private void awaitBranch(String branch, RevCommit head) {
    Processes.await("branch " + branch + " at " + head.getName() + " on the forge", COMMENT_BOUND, () -> {
      try {
        return JSON.readTree(forge.api("GET", "/repos/" + Forge.USER + "/" + name + "/branches/" + branch, null, 200))
            .path("commit").path("id").asText().equals(head.getName());
      } catch (IllegalStateException | IOException e) {
        return false; // 404 until the push is recorded
      }
    });
  }

  private JsonNode comments(long pr) {
    try {
      return JSON.readTree(forge.api("GET", "/repos/" + Forge.USER + "/" + name + "/issues/" + pr + "/comments",
          null, 200));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pull request's comments once one of them is the plan of {@code head} (bounded). */
  private JsonNode planOf(long pr, RevCommit head) {
    JsonNode[] found = new JsonNode[1];
    Processes.await("the plan of " + head.getName() + " on pull request " + pr, COMMENT_BOUND, () -> {
      found[0] = comments(pr);
      for (JsonNode c : found[0]) {
        if (c.path("body").asText().contains("plan for " + head.getName())) return true;
      }
      return false;
    });
    return found[0];
  }

  @Test
  void aPullRequestGetsOnePlanCommentNamingTheChangeAndTheViolationEditedOnTheNextPushAndNothingApplied()
      throws Exception {
    push("base", TestRepo.files("apps/web/deploy.yaml", DEPLOYMENT.formatted(1)), "main");
    fn.parts().applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          project: team
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: c1, namespace: %s}
        """.formatted(forge.cloneUrl(name), ns), "web", 0);
    ReconcileResult synced = fn.reconciler().reconcile(ReconcileRequest.manual("web"),
        Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(synced.result()).as(synced.message()).isEqualTo(OperationResult.SUCCEEDED);

    RevCommit first = push("scale and read pods", TestRepo.files("apps/web/deploy.yaml", DEPLOYMENT.formatted(3),
        "apps/web/role.yaml", CLUSTER_ROLE.formatted(role)), "feature");
    awaitBranch("feature", first);
    long pr = JSON.readTree(forge.api("POST", "/repos/" + Forge.USER + "/" + name + "/pulls",
        "{\"head\": \"feature\", \"base\": \"main\", \"title\": \"scale\"}", 201)).get("number").asLong();

    JsonNode once = planOf(pr, first);
    assertThat(once).hasSize(1);
    String body = once.get(0).get("body").asText();
    assertThat(body).startsWith(PlanComment.MARKER)
        .contains("**web** on cluster c1: 0 to create, 1 to configure, 0 to prune, 0 rejected, 1 policy violation(s)")
        .contains("ClusterRole " + role).contains("clusterResourceWhitelist")
        .contains("configure Deployment.apps " + ns + "/web").contains("replicas: 3");
    long id = once.get(0).get("id").asLong();

    RevCommit second = push("scale more", TestRepo.files("apps/web/deploy.yaml", DEPLOYMENT.formatted(5)), "feature");
    JsonNode again = planOf(pr, second);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).get("id").asLong()).isEqualTo(id);
    assertThat(again.get(0).get("body").asText()).contains("replicas: 5").contains("ClusterRole " + role);

    assertThat(c1.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas()).isEqualTo(1);
    assertThat(c1.rbac().clusterRoles().withName(role).get()).isNull();
  }
}
