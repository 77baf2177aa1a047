package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.functions.SyncMessage;
import dev.driftless.state.Trigger;
import dev.driftless.testkit.LocalAws;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sender's sample, against the real stores and secrets (moto): accepted with the test
 * secret and enqueued for the Application it can change; refused with another secret or none, leaving no
 * delivery record and nothing queued. {@link WebhookSecurityIT} covers deliveries that try to reach further.
 */
@LocalAws
class WebhookProvidersIT {

  private static final String A = "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f";
  private static final String T = "7a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

  private WebhookTestBed bed;

  @BeforeEach
  void bed() {
    bed = new WebhookTestBed();
    String s = WebhookSamples.TEST_SECRET;
    // Applications are registered with various URL forms of their repository; secrets by one form each.
    bed.secret("https://github.com/acme/deploy", s).app("gh-main", "https://github.com/acme/deploy.git", "main")
        .app("gh-range", "git@github.com:acme/deploy.git", "^1.2");
    bed.secret("git@gitlab.example.com:acme/deploy.git", s)
        .app("gl-main", "git@gitlab.example.com:acme/deploy.git", "main")
        .app("gl-tag", "https://gitlab.example.com/acme/deploy", "refs/tags/v1.3.0");
    bed.secret("https://bitbucket.org/acme/deploy.git", s)
        .app("bbc-main", "git@bitbucket.org:acme/deploy.git", "main");
    bed.secret("ssh://git@bitbucket.example.com:7999/acme/deploy.git", s)
        .app("bbdc-main", "ssh://git@bitbucket.example.com:7999/acme/deploy.git", "refs/heads/main");
    bed.secret("https://gitea.example.com/acme/deploy", s)
        .app("gitea-head", "https://gitea.example.com/acme/deploy.git", "HEAD")
        .app("gitea-tag", "git@gitea.example.com:acme/deploy.git", "v1.3.0");
    bed.secret("https://codeberg.org/acme/deploy", s).app("forgejo-main", "https://codeberg.org/acme/deploy", "main");
    bed.secret("https://git.example.com/acme/deploy", s).app("generic-main", "https://git.example.com/acme/deploy", "main");
  }

  static Stream<Arguments> pushes() {
    return Stream.of(
        Arguments.of("webhook-github-push.json", "gh-main", A, "github:72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        Arguments.of("webhook-github-tag-push.json", "gh-range", T, "github:8a1f0c52-cc78-11e3-9b2a-4c9367dc0958"),
        Arguments.of("webhook-gitlab-push.json", "gl-main", A, "gitlab:f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0"),
        Arguments.of("webhook-gitlab-tag-push.json", "gl-tag", T, "gitlab:a1b2c3d4-e5f6-4788-99aa-bbccddeeff00"),
        Arguments.of("webhook-bitbucket-cloud-push.json", "bbc-main", A,
            "bitbucket-cloud:0d9c8b7a-6f5e-4d3c-8b2a-19f8e7d6c5b4"),
        Arguments.of("webhook-bitbucket-dc-push.json", "bbdc-main", A,
            "bitbucket-data-center:3e2d1c0b-a9f8-4e7d-b6c5-a4f3e2d1c0b9"),
        Arguments.of("webhook-gitea-push.json", "gitea-head", A, "gitea:f6266f16-1bf3-46a5-9ea4-602e06ead473"),
        Arguments.of("webhook-gitea-create.json", "gitea-tag", T, "gitea:0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"),
        Arguments.of("webhook-forgejo-push.json", "forgejo-main", A, "forgejo:5d8e3a27-9b1c-4f60-a2d4-7e9c0b1f3a58"),
        Arguments.of("webhook-driftless-push.json", "generic-main", A, "driftless:ci-run-20261124-0640-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pushes")
  void aSignedPushEnqueuesOneSyncOfTheApplicationItCanChange(String sample, String app, String commit,
      String delivery) {
    APIGatewayV2HTTPResponse r = bed.send(WebhookSamples.load(sample));

    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(r.getBody()).isEqualTo("{\"queued\":1}");
    assertThat(r.getHeaders()).containsEntry("content-type", "application/json");
    assertThat(bed.queue.enqueued()).containsExactly(new RecordingQueue.Enqueued(
        new SyncMessage(app, Trigger.PUSH, commit, WebhookTestBed.NOW, null, delivery), app + "-" + commit));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pushes")
  void aPushSignedWithAnotherSecretIsRefusedAndLeavesNoTrace(String sample) {
    APIGatewayV2HTTPEvent good = WebhookSamples.load(sample);
    APIGatewayV2HTTPEvent forged = WebhookSamples.signed(good, good.getBody(), "not-the-secret");

    APIGatewayV2HTTPResponse r = bed.send(forged);

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo("{\"error\":\"signature does not match\"}");
    assertThat(bed.queue.enqueued()).isEmpty();
    // No delivery was recorded: the genuine delivery with the same id is still processed.
    assertThat(bed.send(good).getBody()).isEqualTo("{\"queued\":1}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pushes")
  void aPushWithoutItsSignatureIsRefusedAndLeavesNoTrace(String sample) {
    APIGatewayV2HTTPEvent good = WebhookSamples.load(sample);
    Map<String, String> none = new HashMap<>();
    WebhookSamples.SIGNATURE_HEADERS.keySet().forEach(h -> none.put(h, null));

    APIGatewayV2HTTPResponse r = bed.send(WebhookSamples.with(good, none, null));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(bed.queue.enqueued()).isEmpty();
    assertThat(bed.deliveryNotRecorded(good)).isTrue();
  }

  @Test
  void aRedeliveryIsAcknowledgedAndDropped() {
    APIGatewayV2HTTPEvent e = WebhookSamples.load("webhook-github-push.json");
    assertThat(bed.send(e).getBody()).isEqualTo("{\"queued\":1}");

    APIGatewayV2HTTPResponse again = bed.send(e);

    assertThat(again.getStatusCode()).isEqualTo(202);
    assertThat(again.getBody()).isEqualTo("{\"queued\":0,\"duplicate\":true}");
    assertThat(bed.queue.enqueued()).hasSize(1);
  }

  @Test
  void signedPingsAreAnsweredAfterTheSignatureCheck() {
    for (String sample : new String[] {"webhook-github-ping.json", "webhook-driftless-ping.json"}) {
      APIGatewayV2HTTPEvent ping = WebhookSamples.load(sample);
      APIGatewayV2HTTPResponse r = bed.send(ping);
      assertThat(r.getStatusCode()).as(sample).isEqualTo(200);
      assertThat(r.getBody()).as(sample).isEqualTo("{\"pong\":true}");
      assertThat(bed.send(WebhookSamples.signed(ping, ping.getBody(), "wrong")).getStatusCode()).as(sample)
          .isEqualTo(401);
    }
    assertThat(bed.queue.enqueued()).isEmpty();
  }

  @Test
  void aPingThatNamesNoRepositoryCannotBeVerified() {
    APIGatewayV2HTTPResponse r = bed.send(WebhookSamples.load("webhook-bitbucket-dc-ping.json"));
    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo("{\"error\":\"signature does not match\"}");
  }

  @Test
  void everyApplicationOnTheRepositoryThatTracksThePushedRefIsEnqueuedOnce() {
    bed.app("gh-main-2", "ssh://git@github.com/acme/deploy", "refs/heads/main")
        .app("gh-dev", "https://github.com/acme/deploy", "dev");

    APIGatewayV2HTTPResponse r = bed.send(WebhookSamples.load("webhook-github-push.json"));

    assertThat(r.getBody()).isEqualTo("{\"queued\":2}");
    assertThat(bed.queue.enqueued()).extracting(e -> e.message().application())
        .containsExactlyInAnyOrder("gh-main", "gh-main-2");
  }

  @Test
  void aPushToAnyOfAMultiSourceApplicationsRepositoriesEnqueuesItWhenThatSourceTracksThePushedRef() {
    String multi = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          sources:
          - {repoURL: 'https://charts.example.com', chart: web, targetRevision: 1.0.0,
             helm: {valueFiles: [$values/web.yaml]}}
          - {repoURL: 'git@github.com:acme/deploy.git', targetRevision: %s, ref: values}
          destination: {name: c1, namespace: web}
        """;
    bed.applications.put(multi.formatted("multi-main", "main"), "multi-main.yaml", 0);
    bed.applications.put(multi.formatted("multi-dev", "dev"), "multi-dev.yaml", 0);

    APIGatewayV2HTTPResponse r = bed.send(WebhookSamples.load("webhook-github-push.json"));

    assertThat(r.getBody()).isEqualTo("{\"queued\":2}");
    assertThat(bed.queue.enqueued()).extracting(e -> e.message().application())
        .containsExactlyInAnyOrder("gh-main", "multi-main");
  }
}
