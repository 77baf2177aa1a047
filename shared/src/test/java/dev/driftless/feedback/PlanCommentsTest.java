package dev.driftless.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.feedback.PlanComments.Posted;
import dev.driftless.feedback.RecordingForge.Request;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests that keep one plan comment on a pull request, checked on a local server standing in for a
 * self-hosted GitHub, GitLab and Gitea: who-am-I, list, then create or edit, each as the provider documents it.
 */
class PlanCommentsTest {

  private static final String TOKEN = "s3cr3t-forge-token";
  private static final String BODY = PlanComment.MARKER + "\nplan";

  private RecordingForge forge;

  @BeforeEach
  void start() throws Exception {
    forge = new RecordingForge();
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  private PlanComments comments(GitProvider provider) {
    SecretsClient client = (id, stage, version) -> Optional.ofNullable(
        Map.of("driftless/providers/127.0.0.1", "{\"token\": \"" + TOKEN + "\"}").get(id));
    return new PlanComments(new ProviderHosts(Map.of("127.0.0.1", provider)),
        new ProviderTokens(client, SecretLayout.defaults()), new ApiSender(Duration.ofSeconds(5)));
  }

  private String repo(String path) {
    return forge.origin("127.0.0.1") + "/" + path + ".git";
  }

  private static String comment(long id, String userField, String loginField, String login, String body) {
    return new ObjectMapper().createObjectNode().put("id", id).put("body", body)
        .set(userField, new ObjectMapper().createObjectNode().put(loginField, login)).toString();
  }

  private static String bodyOf(Request r) throws Exception {
    return new ObjectMapper().readTree(r.body()).get("body").asText();
  }

  @Test
  void githubEnterpriseCreatesTheCommentOnTheIssueThreadWhenNoneIsOurs() throws Exception {
    forge.answering("/api/v3/user", "{\"login\":\"driftless-bot\"}")
        .answering("/api/v3/repos/acme/deploy/issues/7/comments", "[]");
    assertThat(comments(GitProvider.GITHUB).post(repo("acme/deploy"), 7, BODY)).isEqualTo(Posted.CREATED);
    List<Request> r = forge.requests();
    assertThat(r).extracting(Request::method).containsExactly("GET", "GET", "POST");
    assertThat(r.get(1).path()).isEqualTo("/api/v3/repos/acme/deploy/issues/7/comments?per_page=100");
    assertThat(r.get(2).path()).isEqualTo("/api/v3/repos/acme/deploy/issues/7/comments");
    assertThat(r.get(2).headers()).containsEntry("authorization", "Bearer " + TOKEN)
        .containsEntry("accept", "application/vnd.github+json").containsEntry("x-github-api-version", "2022-11-28")
        .containsEntry("content-type", "application/json");
    assertThat(bodyOf(r.get(2))).isEqualTo(BODY);
  }

  @Test
  void githubEditsItsOwnMarkedCommentWithPatchOnIssuesComments() throws Exception {
    forge.answering("/api/v3/user", "{\"login\":\"driftless-bot\"}")
        .answering("/api/v3/repos/acme/deploy/issues/7/comments", "[" + comment(11, "user", "login", "alice", "lgtm")
            + "," + comment(42, "user", "login", "driftless-bot", PlanComment.MARKER + "\nold") + "]");
    assertThat(comments(GitProvider.GITHUB).post(repo("acme/deploy"), 7, BODY)).isEqualTo(Posted.UPDATED);
    Request edit = forge.requests().get(2);
    assertThat(edit.method()).isEqualTo("PATCH");
    assertThat(edit.path()).isEqualTo("/api/v3/repos/acme/deploy/issues/comments/42");
    assertThat(bodyOf(edit)).isEqualTo(BODY);
  }

  @Test
  void aMarkedCommentWrittenBySomeoneElseIsNeverEdited() throws Exception {
    forge.answering("/api/v3/user", "{\"login\":\"driftless-bot\"}")
        .answering("/api/v3/repos/acme/deploy/issues/7/comments",
            "[" + comment(13, "user", "login", "mallory", PlanComment.MARKER + "\nfake plan") + "]");
    assertThat(comments(GitProvider.GITHUB).post(repo("acme/deploy"), 7, BODY)).isEqualTo(Posted.CREATED);
    assertThat(forge.requests()).extracting(Request::method).containsExactly("GET", "GET", "POST");
  }

  @Test
  void gitlabListsAndEditsMergeRequestNotesWithThePrivateTokenHeader() throws Exception {
    forge.answering("/api/v4/user", "{\"username\":\"driftless-bot\"}")
        .answering("/api/v4/projects/acme%2Fplatform%2Fdeploy/merge_requests/5/notes",
            "[" + comment(99, "author", "username", "driftless-bot", PlanComment.MARKER + "\nold") + "]");
    assertThat(comments(GitProvider.GITLAB).post(repo("acme/platform/deploy"), 5, BODY)).isEqualTo(Posted.UPDATED);
    List<Request> r = forge.requests();
    assertThat(r.get(1).path())
        .isEqualTo("/api/v4/projects/acme%2Fplatform%2Fdeploy/merge_requests/5/notes?per_page=100&sort=asc");
    assertThat(r.get(2).method()).isEqualTo("PUT");
    assertThat(r.get(2).path()).isEqualTo("/api/v4/projects/acme%2Fplatform%2Fdeploy/merge_requests/5/notes/99");
    assertThat(r.get(2).headers()).containsEntry("private-token", TOKEN).doesNotContainKey("authorization");
    assertThat(bodyOf(r.get(2))).isEqualTo(BODY);
  }

  @Test
  void gitlabCreatesANoteWhenNoneIsOurs() throws Exception {
    forge.answering("/api/v4/user", "{\"username\":\"driftless-bot\"}")
        .answering("/api/v4/projects/acme%2Fdeploy/merge_requests/5/notes", "[]");
    assertThat(comments(GitProvider.GITLAB).post(repo("acme/deploy"), 5, BODY)).isEqualTo(Posted.CREATED);
    Request create = forge.requests().get(2);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/api/v4/projects/acme%2Fdeploy/merge_requests/5/notes");
  }

  @Test
  void giteaEditsUnderApiV1IssuesComments() throws Exception {
    forge.answering("/api/v1/user", "{\"login\":\"driftless-bot\"}")
        .answering("/api/v1/repos/acme/deploy/issues/3/comments",
            "[" + comment(8, "user", "login", "driftless-bot", PlanComment.MARKER + "\nold") + "]");
    assertThat(comments(GitProvider.GITEA).post(repo("acme/deploy"), 3, BODY)).isEqualTo(Posted.UPDATED);
    Request edit = forge.requests().get(2);
    assertThat(edit.method()).isEqualTo("PATCH");
    assertThat(edit.path()).isEqualTo("/api/v1/repos/acme/deploy/issues/comments/8");
    assertThat(edit.headers()).containsEntry("authorization", "Bearer " + TOKEN);
  }

  @Test
  void bitbucketRepositoriesGetNoCommentAndNoRequest() {
    assertThat(comments(GitProvider.BITBUCKET_CLOUD).post(repo("acme/deploy"), 3, BODY))
        .isEqualTo(Posted.NO_PROVIDER);
    assertThat(forge.requests()).isEmpty();
  }
}
