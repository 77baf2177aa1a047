package dev.driftless.feedback;

import static dev.driftless.feedback.CommitStatusesTest.SHA;
import static dev.driftless.feedback.CommitStatusesTest.TOKEN;
import static dev.driftless.feedback.CommitStatusesTest.app;
import static dev.driftless.feedback.CommitStatusesTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.state.OperationResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A forge token goes to the host it is bound to and nowhere else: not where a redirect points, not to a call built
 * for another host, not to a host whose name merely resembles it. Two local servers stand in for the forge
 * ({@code 127.0.0.1}) and for another host ({@code localhost}) that must never see the token.
 */
class ProviderTokenSecurityTest {

  private RecordingForge forge;
  private RecordingForge elsewhere;
  private final SecretsClient secrets = (id, stage, version) ->
      Optional.ofNullable(Map.of("driftless/providers/127.0.0.1", "{\"token\": \"" + TOKEN + "\"}").get(id));

  @BeforeEach
  void start() throws Exception {
    forge = new RecordingForge();
    elsewhere = new RecordingForge();
  }

  @AfterEach
  void stop() {
    forge.close();
    elsewhere.close();
  }

  private CommitStatuses statuses(Map<String, GitProvider> hosts) {
    return new CommitStatuses(new ProviderHosts(hosts), new ProviderTokens(secrets, SecretLayout.defaults()),
        new ApiSender(Duration.ofSeconds(5)), null);
  }

  @Test
  void aRedirectFromTheForgeIsNotFollowedWithTheToken() {
    forge.answering(307, elsewhere.origin("localhost") + "/collect");
    CommitStatuses statuses = statuses(Map.of("127.0.0.1", GitProvider.GITEA));

    boolean posted = statuses.post(app(forge.origin("127.0.0.1") + "/acme/deploy.git"), SHA,
        result(OperationResult.SUCCEEDED, null, "synced"));

    assertThat(elsewhere.requests()).isEmpty();
    assertThat(forge.requests()).hasSize(1);
    assertThat(posted).isFalse();
    assertThat(statuses.failures()).isEqualTo(1);
  }

  @Test
  void aCallToAnotherHostIsRefusedBeforeTheTokenLeaves() {
    ProviderToken bound = new ProviderToken("driftless/providers/127.0.0.1", "127.0.0.1", TOKEN);
    ApiCall toElsewhere = StatusCalls.of(GitProvider.GITEA,
        RepositoryPlace.of(elsewhere.origin("localhost") + "/acme/deploy").orElseThrow(),
        new CommitStatus(SHA, CommitState.SUCCESS, "driftless/web@prod", "synced", null), bound.value());

    assertThatThrownBy(() -> new ApiSender(Duration.ofSeconds(5)).send(toElsewhere, bound))
        .isInstanceOf(FeedbackException.class)
        .hasMessageContaining("refused: token driftless/providers/127.0.0.1 is bound to host 127.0.0.1")
        .hasMessageNotContaining(TOKEN);
    assertThat(elsewhere.requests()).isEmpty();
  }

  @Test
  void aRepositoryOnAnotherHostNeverGetsTheForgesToken() {
    CommitStatuses statuses = statuses(Map.of("127.0.0.1", GitProvider.GITEA, "localhost", GitProvider.GITEA));
    statuses.post(app(elsewhere.origin("localhost") + "/acme/deploy.git"), SHA,
        result(OperationResult.SUCCEEDED, null, "synced"));
    assertThat(elsewhere.requests()).isEmpty();
  }

  @Test
  void aTokenMayGoOnlyToItsHostOrItsPublicApiHostOverHttps() {
    ProviderToken github = new ProviderToken("driftless/providers/github.com", "github.com", TOKEN);
    assertThat(github.mayGoTo(URI.create("https://api.github.com/repos/a/b/statuses/x"))).isTrue();
    assertThat(github.mayGoTo(URI.create("https://github.com/api/v3/repos/a/b/statuses/x"))).isTrue();
    assertThat(github.mayGoTo(URI.create("https://api.github.com.evil.example/repos"))).isFalse();
    assertThat(github.mayGoTo(URI.create("https://evil.example/repos"))).isFalse();
    assertThat(github.mayGoTo(URI.create("http://api.github.com/repos"))).as("plain HTTP").isFalse();
    assertThat(github.mayGoTo(URI.create("https://x@api.github.com/repos"))).as("user info").isFalse();
    ProviderToken gitlab = new ProviderToken("driftless/providers/gitlab.com", "gitlab.com", TOKEN);
    assertThat(gitlab.mayGoTo(URI.create("https://api.github.com/repos"))).isFalse();
  }

  @Test
  void aTokenIsNeverShownByItsToString() {
    assertThat(new ProviderToken("id", "127.0.0.1", TOKEN).toString()).doesNotContain(TOKEN);
  }
}
