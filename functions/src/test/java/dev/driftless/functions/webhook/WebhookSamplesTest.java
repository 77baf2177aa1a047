package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.state.ApplicationStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples in events/ stay signed with the test secret and read as their sender's push or ping. */
class WebhookSamplesTest {

  private static final String A = "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f";
  private static final String T = "7a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

  @Test
  void everySenderHasASample() {
    assertThat(WebhookSamples.names()).contains("webhook-github-push.json", "webhook-github-ping.json",
        "webhook-gitlab-push.json", "webhook-bitbucket-cloud-push.json", "webhook-bitbucket-dc-push.json",
        "webhook-bitbucket-dc-ping.json", "webhook-gitea-push.json", "webhook-forgejo-push.json",
        "webhook-driftless-push.json", "webhook-driftless-ping.json");
  }

  static Stream<String> samples() {
    return WebhookSamples.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleCarriesTheSignaturesOfItsBodyWithTheTestSecret(String name) {
    APIGatewayV2HTTPEvent e = WebhookSamples.load(name);
    assertThat(WebhookSamples.expectedSignatures(e)).isNotEmpty()
        .allSatisfy((header, value) -> assertThat(e.getHeaders()).containsEntry(header, value));
    assertThat(e.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    assertThat(e.getIsBase64Encoded()).isFalse();
  }

  static Stream<Arguments> expectations() {
    return Stream.of(
        Arguments.of("webhook-github-push.json", Provider.GITHUB, "github.com/acme/deploy", "refs/heads/main", A, "main"),
        Arguments.of("webhook-github-tag-push.json", Provider.GITHUB, "github.com/acme/deploy", "refs/tags/v1.3.0", T, "main"),
        Arguments.of("webhook-gitlab-push.json", Provider.GITLAB, "gitlab.example.com/acme/deploy", "refs/heads/main", A, "main"),
        Arguments.of("webhook-gitlab-tag-push.json", Provider.GITLAB, "gitlab.example.com/acme/deploy", "refs/tags/v1.3.0", T, "main"),
        Arguments.of("webhook-bitbucket-cloud-push.json", Provider.BITBUCKET_CLOUD, "bitbucket.org/acme/deploy", "refs/heads/main", A, null),
        Arguments.of("webhook-bitbucket-dc-push.json", Provider.BITBUCKET_DATA_CENTER, "bitbucket.example.com/acme/deploy", "refs/heads/main", A, null),
        Arguments.of("webhook-gitea-push.json", Provider.GITEA, "gitea.example.com/acme/deploy", "refs/heads/main", A, "main"),
        Arguments.of("webhook-gitea-create.json", Provider.GITEA, "gitea.example.com/acme/deploy", "refs/tags/v1.3.0", T, "main"),
        Arguments.of("webhook-forgejo-push.json", Provider.FORGEJO, "codeberg.org/acme/deploy", "refs/heads/main", A, "main"),
        Arguments.of("webhook-driftless-push.json", Provider.DRIFTLESS, "git.example.com/acme/deploy", "refs/heads/main", A, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void pushSamplesReadAsTheirSendersPush(String name, Provider provider, String repo, String ref, String commit,
      String defaultBranch) throws Exception {
    WebhookRequest req = WebhookRequest.from(WebhookSamples.load(name), 1 << 20);
    assertThat(Provider.detect(req.headers())).contains(provider);
    JsonNode body = WebhookSamples.JSON.readTree(req.body());
    Payload p = PayloadReader.read(provider, provider.eventKind(req.headers()).orElseThrow(), body);
    assertThat(p.kind()).isEqualTo(Payload.Kind.PUSH);
    assertThat(p.repositoryUrls().stream().map(ApplicationStore::normalizeRepo)).contains(repo);
    assertThat(p.updates()).singleElement().satisfies(u -> {
      assertThat(u.ref()).isEqualTo(ref);
      assertThat(u.commit()).isEqualTo(commit);
    });
    assertThat(p.defaultBranch()).isEqualTo(defaultBranch);
  }

  @Test
  void pingSamplesReadAsPingsNamingTheirRepositoryWhenTheSenderDoes() throws Exception {
    for (String name : List.of("webhook-github-ping.json", "webhook-driftless-ping.json", "webhook-bitbucket-dc-ping.json")) {
      WebhookRequest req = WebhookRequest.from(WebhookSamples.load(name), 1 << 20);
      Provider provider = Provider.detect(req.headers()).orElseThrow();
      Payload p = PayloadReader.read(provider, provider.eventKind(req.headers()).orElseThrow(),
          WebhookSamples.JSON.readTree(req.body()));
      assertThat(p.kind()).as(name).isEqualTo(Payload.Kind.PING);
      assertThat(p.repositoryUrls()).as(name).hasSize(name.contains("bitbucket-dc") ? 0 : name.contains("github") ? 3 : 1);
    }
  }
}
