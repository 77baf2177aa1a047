package dev.driftless.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The request each provider documents for setting a commit status, for the public forges' hosts. */
class StatusCallsTest {

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final CommitStatus STATUS = new CommitStatus(SHA, CommitState.FAILURE, "driftless/web@prod",
      "failed: apply rejected", "https://dash.example.com/applications/web");

  private static ApiCall call(GitProvider provider, String repoURL) {
    return StatusCalls.of(provider, RepositoryPlace.of(repoURL).orElseThrow(), STATUS, "tok");
  }

  private static JsonNode body(ApiCall call) throws Exception {
    return new ObjectMapper().readTree(call.body());
  }

  @Test
  void githubPostsToApiGithubComWithBearerTokenAndStatusFields() throws Exception {
    ApiCall c = call(GitProvider.GITHUB, "https://github.com/acme/deploy.git");
    assertThat(c.uri()).hasToString("https://api.github.com/repos/acme/deploy/statuses/" + SHA);
    assertThat(c.headers()).containsEntry("Authorization", "Bearer tok")
        .containsEntry("Accept", "application/vnd.github+json").containsEntry("X-GitHub-Api-Version", "2022-11-28");
    assertThat(body(c).toString()).isEqualTo("{\"state\":\"failure\",\"description\":\"failed: apply rejected\","
        + "\"context\":\"driftless/web@prod\",\"target_url\":\"https://dash.example.com/applications/web\"}");
  }

  @Test
  void githubEnterpriseServerIsReachedUnderApiV3OfItsOwnHost() {
    ApiCall c = call(GitProvider.GITHUB, "git@ghe.acme.com:acme/deploy.git");
    assertThat(c.uri()).hasToString("https://ghe.acme.com/api/v3/repos/acme/deploy/statuses/" + SHA);
  }

  @Test
  void gitlabEncodesTheProjectPathAndSendsThePrivateTokenHeader() throws Exception {
    ApiCall c = call(GitProvider.GITLAB, "https://gitlab.com/acme/platform/deploy.git");
    assertThat(c.uri()).hasToString("https://gitlab.com/api/v4/projects/acme%2Fplatform%2Fdeploy/statuses/" + SHA);
    assertThat(c.headers()).containsEntry("PRIVATE-TOKEN", "tok").doesNotContainKey("Authorization");
    JsonNode b = body(c);
    assertThat(b.get("state").asText()).isEqualTo("failed");
    assertThat(b.get("name").asText()).isEqualTo("driftless/web@prod");
    assertThat(b.get("target_url").asText()).isEqualTo("https://dash.example.com/applications/web");
  }

  @Test
  void bitbucketCloudPostsABuildStatusOnApiBitbucketOrg() throws Exception {
    ApiCall c = call(GitProvider.BITBUCKET_CLOUD, "https://bitbucket.org/acme/deploy.git");
    assertThat(c.uri()).hasToString(
        "https://api.bitbucket.org/2.0/repositories/acme/deploy/commit/" + SHA + "/statuses/build");
    JsonNode b = body(c);
    assertThat(b.get("key").asText()).isEqualTo("driftless/web@prod");
    assertThat(b.get("state").asText()).isEqualTo("FAILED");
    assertThat(b.get("url").asText()).isEqualTo("https://dash.example.com/applications/web");
  }

  @Test
  void bitbucketDataCenterPostsUnderTheContextPathBeforeScm() throws Exception {
    ApiCall c = call(GitProvider.BITBUCKET_DATACENTER, "https://git.acme.com/bitbucket/scm/ops/deploy.git");
    assertThat(c.uri()).hasToString("https://git.acme.com/bitbucket/rest/build-status/1.0/commits/" + SHA);
    assertThat(body(c).get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void bitbucketLinksToTheRepositoryWhenNoDashboardIsSet() throws Exception {
    CommitStatus noLink = new CommitStatus(SHA, CommitState.SUCCESS, "driftless/web@prod", "synced", null);
    ApiCall c = StatusCalls.of(GitProvider.BITBUCKET_CLOUD,
        RepositoryPlace.of("https://bitbucket.org/acme/deploy.git").orElseThrow(), noLink, "tok");
    assertThat(body(c).get("url").asText()).isEqualTo("https://bitbucket.org/acme/deploy");
  }

  @Test
  void forgejoOnCodebergUsesGiteasApiV1() throws Exception {
    ApiCall c = call(GitProvider.GITEA, "https://codeberg.org/acme/deploy.git");
    assertThat(c.uri()).hasToString("https://codeberg.org/api/v1/repos/acme/deploy/statuses/" + SHA);
    assertThat(body(c).get("context").asText()).isEqualTo("driftless/web@prod");
  }

  @Test
  void aCallShownInALogCarriesNoToken() {
    assertThat(call(GitProvider.GITLAB, "https://gitlab.com/acme/deploy.git").toString()).doesNotContain("tok");
  }

  @Test
  void aLongDescriptionIsShortenedToWhatGithubAccepts() {
    CommitStatus s = new CommitStatus(SHA, CommitState.FAILURE, "c", "x".repeat(500), null);
    assertThat(s.description()).hasSize(CommitStatus.MAX_DESCRIPTION).endsWith("...");
  }
}
