package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.feedback.CommitStatuses;
import dev.driftless.feedback.ProviderHosts;
import dev.driftless.functions.Functions;
import dev.driftless.local.LocalRunner;
import dev.driftless.source.TestRepo;
import dev.driftless.testkit.Forge;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalForge;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The whole path on a real forge: a push to a repository on the local Gitea sends Gitea's own signed webhook to the
 * local runner, the queue's poller syncs the commit to the local cluster, and the commit turns green on Gitea; a
 * broken commit pushed next turns red with the reason.
 */
@LocalAws
@LocalKubernetes
@LocalForge
class ForgeCommitStatusIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATUS_BOUND = Duration.ofMinutes(2);

  @TempDir Path tmp;
  private final SecretsManagerClient sm = SecretsManagerClient.create();
  private LocalRunner runner;
  private Forge forge;
  private TestRepo repo;
  private String name;
  private String ns;

  @BeforeEach
  void start(LocalClusters clusters, Forge forge) throws Exception {
    this.forge = forge;
    SqsClient sqs = SqsClient.create();
    LocalRunner.Resources res = LocalRunner.provision(DynamoDbClient.create(), sqs, EventBridgeClient.create(),
        "forge-" + UUID.randomUUID().toString().substring(0, 8));
    TestTools tools = TestTools.load();
    Functions fn = LocalRunner.functions(Map.of("DRIFTLESS_KUSTOMIZE", tools.kustomize().toString(),
        "DRIFTLESS_HELM", tools.helm().toString(), "DRIFTLESS_GIT_CACHE", tmp.resolve("git").toString(),
        ProviderHosts.ENV, "127.0.0.1=gitea", CommitStatuses.DASHBOARD_ENV, "https://dash.example.com"),
        res, sqs, Clock.systemUTC());
    runner = LocalRunner.start(fn, sqs, res, 0, LocalRunner.routes(DynamoDbClient.create(), res), null);

    name = ForgeWiring.repository(forge, sm, runner.port(), "push");
    ForgeWiring.registerC1(fn, sm, clusters, "forge");
    ns = "forge-" + UUID.randomUUID().toString().substring(0, 8);
    fn.parts().applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
        """.formatted(forge.cloneUrl(name), ns), "web", 0);
    repo = TestRepo.create(tmp.resolve("repo"));
  }

  @AfterEach
  void stop(LocalClusters clusters) {
    runner.close();
    repo.close();
    clusters.client("c1").namespaces().withName(ns).delete();
  }

  private RevCommit push(String message, Map<String, String> files) throws Exception {
    RevCommit c = repo.commit(message, files);
    try (Git git = Git.open(repo.dir().toFile())) {
      git.push().setRemote(forge.cloneUrl(name)).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
          .setCredentialsProvider(new UsernamePasswordCredentialsProvider(Forge.USER, forge.password())).call();
    }
    return c;
  }

  /** The commit's one status, once the forge has it (bounded). */
  private JsonNode statusOf(RevCommit c) {
    String path = "/repos/" + Forge.USER + "/" + name + "/commits/" + c.getName() + "/statuses";
    JsonNode[] found = new JsonNode[1];
    Processes.await("a status on " + c.getName(), STATUS_BOUND, () -> {
      try {
        found[0] = JSON.readTree(forge.api("GET", path, null, 200));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return found[0].size() > 0;
    });
    return found[0];
  }

  @Test
  void aPushToTheForgeIsSyncedThroughItsWebhookAndTurnsTheCommitGreenThenABrokenOneRed() throws Exception {
    RevCommit good = push("good", TestRepo.files("apps/web/config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: blue}\n"));
    JsonNode green = statusOf(good);
    assertThat(green).hasSize(1);
    assertThat(green.get(0).get("status").asText()).as(green.toString()).isEqualTo("success");
    assertThat(green.get(0).get("context").asText()).isEqualTo("driftless/web@c1");

    RevCommit broken = push("broken", TestRepo.files("apps/web/config.yaml", "kind: [unclosed"));
    JsonNode red = statusOf(broken);
    assertThat(red.get(0).get("status").asText()).as(red.toString()).isEqualTo("failure");
    assertThat(red.get(0).get("description").asText()).contains("config.yaml");
  }
}
