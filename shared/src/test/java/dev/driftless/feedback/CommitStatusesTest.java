package dev.driftless.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.apply.ChangeSet;
import dev.driftless.health.HealthStatus;
import dev.driftless.model.Application;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statuses a sync's end posts, checked on a local server standing in for a self-hosted forge of each kind:
 * the request each provider documents, the state and description per result, and what happens when posting fails.
 */
class CommitStatusesTest {

  static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  static final String TOKEN = "s3cr3t-forge-token";

  private RecordingForge forge;
  private final Map<String, String> secrets = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    forge = new RecordingForge();
    secrets.put("driftless/providers/127.0.0.1", "{\"token\": \"" + TOKEN + "\"}");
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  static Application app(String repoURL) {
    return new Application("web", "default", new Application.Source(repoURL, "main", "deploy", null, null, null, null),
        new Application.Destination("prod", "web"), null, null);
  }

  static ReconcileResult result(OperationResult result, HealthStatus health, String message) {
    return new ReconcileResult("web", "op-1", result, SyncStatus.SYNCED, health, SHA, new ChangeSet(List.of()),
        message, null);
  }

  private CommitStatuses statuses(GitProvider provider, String dashboard) {
    SecretsClient client = (id, stage, version) -> Optional.ofNullable(secrets.get(id));
    return new CommitStatuses(new ProviderHosts(Map.of("127.0.0.1", provider)),
        new ProviderTokens(client, SecretLayout.defaults()), new ApiSender(Duration.ofSeconds(5)), dashboard);
  }

  private String repo() {
    return forge.origin("127.0.0.1") + "/acme/deploy.git";
  }

  private static JsonNode json(String body) throws Exception {
    return new ObjectMapper().readTree(body);
  }

  @Test
  void aSyncedCommitGetsASuccessStatusOnGiteaNamingTheApplicationAndCluster() throws Exception {
    boolean posted = statuses(GitProvider.GITEA, "https://dash.example.com/").post(app(repo()), SHA,
        result(OperationResult.SUCCEEDED, HealthStatus.HEALTHY, "synced to 89abcde: {configure=1}"));

    assertThat(posted).isTrue();
    RecordingForge.Request r = forge.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/v1/repos/acme/deploy/statuses/" + SHA);
    assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN)
        .containsEntry("content-type", "application/json");
    JsonNode b = json(r.body());
    assertThat(b.get("state").asText()).isEqualTo("success");
    assertThat(b.get("context").asText()).isEqualTo("driftless/web@prod");
    assertThat(b.get("description").asText()).isEqualTo("synced, healthy");
    assertThat(b.get("target_url").asText()).isEqualTo("https://dash.example.com/applications/web");
  }

  @Test
  void aFailedSyncGetsAFailureStatusWithTheReasonOnGitlab() throws Exception {
    statuses(GitProvider.GITLAB, null).post(app(repo()), SHA,
        result(OperationResult.FAILED, HealthStatus.DEGRADED, "apply failed; apps/Deployment web/web: rejected"));

    RecordingForge.Request r = forge.requests().get(0);
    assertThat(r.path()).isEqualTo("/api/v4/projects/acme%2Fdeploy/statuses/" + SHA);
    assertThat(r.headers()).containsEntry("private-token", TOKEN).doesNotContainKey("authorization");
    JsonNode b = json(r.body());
    assertThat(b.get("state").asText()).isEqualTo("failed");
    assertThat(b.get("name").asText()).isEqualTo("driftless/web@prod");
    assertThat(b.get("description").asText()).isEqualTo("failed: apply failed; apps/Deployment web/web: rejected");
    assertThat(b.has("target_url")).isFalse();
  }

  @Test
  void aSyncWaitingOnHealthIsPendingOnGithubEnterprise() throws Exception {
    statuses(GitProvider.GITHUB, null).post(app(repo()), SHA,
        result(OperationResult.RUNNING, HealthStatus.PROGRESSING, "waiting for health"));

    RecordingForge.Request r = forge.requests().get(0);
    assertThat(r.path()).isEqualTo("/api/v3/repos/acme/deploy/statuses/" + SHA);
    assertThat(r.headers()).containsEntry("accept", "application/vnd.github+json");
    JsonNode b = json(r.body());
    assertThat(b.get("state").asText()).isEqualTo("pending");
    assertThat(b.get("description").asText()).isEqualTo("progressing: waiting for health");
  }

  @Test
  void bitbucketCloudAndDataCenterGetABuildStatus() throws Exception {
    statuses(GitProvider.BITBUCKET_CLOUD, null).post(app(repo()), SHA,
        result(OperationResult.SUCCEEDED, HealthStatus.HEALTHY, "synced"));
    statuses(GitProvider.BITBUCKET_DATACENTER, null).post(app(forge.origin("127.0.0.1") + "/scm/ops/deploy.git"), SHA,
        result(OperationResult.SUCCEEDED, HealthStatus.HEALTHY, "synced"));

    List<RecordingForge.Request> rs = forge.requests();
    assertThat(rs.get(0).path()).isEqualTo("/2.0/repositories/acme/deploy/commit/" + SHA + "/statuses/build");
    assertThat(rs.get(1).path()).isEqualTo("/rest/build-status/1.0/commits/" + SHA);
    for (RecordingForge.Request r : rs) {
      JsonNode b = json(r.body());
      assertThat(b.get("state").asText()).isEqualTo("SUCCESSFUL");
      assertThat(b.get("key").asText()).isEqualTo("driftless/web@prod");
      assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN);
    }
    assertThat(json(rs.get(0).body()).get("url").asText()).isEqualTo(forge.origin("127.0.0.1") + "/acme/deploy");
  }

  @Test
  void aRepositorysOwnTokenIsPreferredToItsHosts() {
    secrets.put("driftless/providers/127.0.0.1/acme/deploy", "{\"token\": \"repo-token\"}");
    statuses(GitProvider.GITEA, null).post(app(repo()), SHA, result(OperationResult.SUCCEEDED, null, "synced"));
    assertThat(forge.requests().get(0).headers()).containsEntry("authorization", "Bearer repo-token");
  }

  @Test
  void aForgeAnsweringWithAnErrorFailsNothingAndIsCounted() {
    forge.answering(500, null);
    CommitStatuses statuses = statuses(GitProvider.GITEA, null);
    boolean posted = statuses.post(app(repo()), SHA, result(OperationResult.SUCCEEDED, null, "synced"));
    assertThat(posted).isFalse();
    assertThat(statuses.failures()).isEqualTo(1);
  }

  @Test
  void aTokenSecretThatIsNotJsonIsCountedAndItsContentNotShown() {
    secrets.put("driftless/providers/127.0.0.1", TOKEN);
    CommitStatuses statuses = statuses(GitProvider.GITEA, null);
    assertThat(statuses.post(app(repo()), SHA, result(OperationResult.SUCCEEDED, null, "synced"))).isFalse();
    assertThat(statuses.failures()).isEqualTo(1);
    assertThat(forge.requests()).isEmpty();
  }

  @Test
  void noStatusWithoutAFetchedCommitAProviderOrAToken() {
    CommitStatuses statuses = statuses(GitProvider.GITEA, null);
    ReconcileResult unfetched = result(OperationResult.FAILED, HealthStatus.UNKNOWN, "cluster unreachable");
    assertThat(statuses.post(app(repo()), null, unfetched)).as("nothing fetched").isFalse();
    assertThat(statuses.post(app(repo()), "main", unfetched)).as("not a commit id").isFalse();
    assertThat(statuses.post(app(forge.origin("localhost") + "/acme/deploy.git"), SHA,
        result(OperationResult.SUCCEEDED, null, "synced"))).as("no provider named for host localhost").isFalse();
    secrets.clear();
    assertThat(statuses.post(app(repo()), SHA, result(OperationResult.SUCCEEDED, null, "synced"))).isFalse();
    assertThat(forge.requests()).isEmpty();
    assertThat(statuses.failures()).isZero();
  }

  @Test
  void aDashboardUrlThatIsNotHttpsIsRefusedAtStartNamingTheVariable() {
    assertThatThrownBy(() -> CommitStatuses.fromEnvironment(
            (id, s, v) -> Optional.empty(), SecretLayout.defaults(),
            Map.of(CommitStatuses.DASHBOARD_ENV, "http://dash.example.com")))
        .hasMessageStartingWith("DRIFTLESS_DASHBOARD_URL: ");
  }

  @Test
  void aProviderSettingThatDoesNotParseIsRefusedAtStartNamingThePair() {
    assertThatThrownBy(() -> ProviderHosts.parse("git.acme.com=svn"))
        .hasMessageStartingWith("DRIFTLESS_GIT_PROVIDERS: git provider 'svn'");
  }
}
