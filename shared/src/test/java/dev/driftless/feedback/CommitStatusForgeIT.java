package dev.driftless.feedback;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.Forge;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalForge;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.nio.file.Path;
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

/**
 * Commit statuses on a real forge: an Application whose repository lives on a local Gitea syncs a pushed commit
 * and the commit gets a green status named after the Application and cluster; a broken commit gets a red one
 * with the reason. The token is read from Secrets Manager (moto), under the repository's own name.
 */
@LocalAws
@LocalKubernetes
@LocalForge
class CommitStatusForgeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private LocalDriftless local;
  private Forge forge;
  private String repoName;

  @BeforeEach
  void wire(LocalClusters clusters, Forge forge) {
    this.forge = forge;
    repoName = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
    forge.createRepository(repoName);
    // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
    software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
    sm.createSecret(r -> r.name("driftless/providers/127.0.0.1/" + Forge.USER + "/" + repoName)
        .secretString("{\"token\": \"" + forge.token() + "\"}"));
    CommitStatuses statuses = CommitStatuses.fromEnvironment(new SecretsManagerClient(sm), SecretLayout.defaults(),
        Map.of(ProviderHosts.ENV, "127.0.0.1=gitea", CommitStatuses.DASHBOARD_ENV, "https://dash.example.com"));
    local = LocalDriftless.start(tmp, new FeedbackSink((type, detail) -> { }, statuses)).withClusters(clusters, "c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private RevCommit push(String message, Map<String, String> files) throws Exception {
    RevCommit c = local.repo.commit(message, files);
    try (Git git = Git.open(local.repo.dir().toFile())) {
      git.push().setRemote(forge.cloneUrl(repoName)).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
          .setForce(true).setCredentialsProvider(new UsernamePasswordCredentialsProvider(Forge.USER, forge.password()))
          .call();
    }
    return c;
  }

  private JsonNode statuses(RevCommit c) throws Exception {
    return JSON.readTree(forge.api("GET", "/repos/" + Forge.USER + "/" + repoName + "/commits/" + c.getName()
        + "/statuses", null, 200));
  }

  private ReconcileResult sync(RevCommit c) {
    return local.reconciler().reconcile(ReconcileRequest.push("web", c.getName()), Instant.now().plus(Duration.ofMinutes(2)));
  }

  @Test
  void aSyncedPushTurnsTheCommitGreenAndABrokenOneRedWithTheReason(TestNamespace ns) throws Exception {
    RevCommit good = push("good", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: apps/web}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(forge.cloneUrl(repoName), ns.name()), "web", 0);

    ReconcileResult synced = sync(good);
    assertThat(synced.result()).as(synced.message()).isEqualTo(OperationResult.SUCCEEDED);
    JsonNode green = statuses(good);
    assertThat(green).hasSize(1);
    assertThat(green.get(0).get("status").asText()).isEqualTo("success");
    assertThat(green.get(0).get("context").asText()).isEqualTo("driftless/web@c1");
    assertThat(green.get(0).get("target_url").asText()).isEqualTo("https://dash.example.com/applications/web");

    RevCommit broken = push("broken", TestRepo.files("apps/web/config.yaml", "kind: [unclosed"));
    assertThat(sync(broken).result()).isEqualTo(OperationResult.FAILED);
    JsonNode red = statuses(broken);
    assertThat(red).hasSize(1);
    assertThat(red.get(0).get("status").asText()).isEqualTo("failure");
    assertThat(red.get(0).get("description").asText()).startsWith("failed: ").contains("config.yaml");
  }
}
