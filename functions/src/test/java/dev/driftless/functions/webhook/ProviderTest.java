package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderTest {

  @Test
  void theMostSpecificEventHeaderWinsSinceForgejoAndGiteaAlsoSendGitHubHeaders() {
    assertThat(Provider.detect(Headers.of(Map.of("X-Forgejo-Event", "push", "X-Gitea-Event", "push",
        "X-GitHub-Event", "push")))).contains(Provider.FORGEJO);
    assertThat(Provider.detect(Headers.of(Map.of("X-Gitea-Event", "push", "X-GitHub-Event", "push"))))
        .contains(Provider.GITEA);
    assertThat(Provider.detect(Headers.of(Map.of("x-github-event", "push")))).contains(Provider.GITHUB);
    assertThat(Provider.detect(Headers.of(Map.of("X-GITLAB-EVENT", "Push Hook")))).contains(Provider.GITLAB);
    assertThat(Provider.detect(Headers.of(Map.of("x-driftless-event", "push")))).contains(Provider.DRIFTLESS);
    assertThat(Provider.detect(Headers.of(Map.of("x-user-agent", "x")))).isEmpty();
  }

  @Test
  void bitbucketCloudAndDataCenterAreToldApartByTheirRequestIdHeaders() {
    assertThat(Provider.detect(Headers.of(Map.of("X-Event-Key", "repo:push", "X-Request-UUID", "u"))))
        .contains(Provider.BITBUCKET_CLOUD);
    assertThat(Provider.detect(Headers.of(Map.of("X-Event-Key", "diagnostics:ping", "X-Hook-UUID", "u"))))
        .contains(Provider.BITBUCKET_CLOUD);
    assertThat(Provider.detect(Headers.of(Map.of("X-Event-Key", "repo:refs_changed", "X-Request-Id", "i"))))
        .contains(Provider.BITBUCKET_DATA_CENTER);
    assertThat(Provider.detect(Headers.of(Map.of("X-Event-Key", "repo:push")))).contains(Provider.BITBUCKET_CLOUD);
    assertThat(Provider.detect(Headers.of(Map.of("X-Event-Key", "repo:refs_changed"))))
        .contains(Provider.BITBUCKET_DATA_CENTER);
  }

  @Test
  void eventNamesAreReadWithoutCaseAndUnknownOnesAreNotHandled() {
    assertThat(Provider.GITLAB.eventKind(Headers.of(Map.of("x-gitlab-event", "Tag Push Hook"))))
        .contains(Provider.EventKind.PUSH);
    assertThat(Provider.GITLAB.eventKind(Headers.of(Map.of("x-gitlab-event", "System Hook"))))
        .contains(Provider.EventKind.SYSTEM);
    assertThat(Provider.GITHUB.eventKind(Headers.of(Map.of("x-github-event", "PING")))).contains(Provider.EventKind.PING);
    assertThat(Provider.GITHUB.eventKind(Headers.of(Map.of("x-github-event", "issues")))).isEmpty();
    assertThat(Provider.GITEA.eventKind(Headers.of(Map.of("x-gitea-event", "create")))).contains(Provider.EventKind.CREATE);
  }

  @Test
  void deliveryIdsComeFromTheFirstHeaderPresentOrFromTheBodyDigest() {
    Headers gitlab = Headers.of(Map.of("Idempotency-Key", "k1", "X-Gitlab-Event-UUID", "e1"));
    assertThat(WebhookReceiver.deliveryId(Provider.GITLAB, gitlab, new byte[0])).isEqualTo("k1");
    assertThat(WebhookReceiver.deliveryId(Provider.GITLAB, Headers.of(Map.of("X-Gitlab-Event-UUID", "e1")),
        new byte[0])).isEqualTo("e1");
    assertThat(WebhookReceiver.deliveryId(Provider.GITHUB, Headers.of(Map.of()), "{}".getBytes()))
        .isEqualTo("body-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(WebhookReceiver.deliveryId(Provider.GITHUB, Headers.of(Map.of("x-github-delivery", "a b\nc")),
        new byte[0])).startsWith("id-").hasSize(3 + 64);
  }
}
