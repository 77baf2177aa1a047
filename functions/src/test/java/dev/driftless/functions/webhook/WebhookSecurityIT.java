package dev.driftless.functions.webhook;

import static dev.driftless.functions.webhook.WebhookSamples.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.WebhookHandler;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.testkit.LocalAws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Attacks on the webhook from outside, against the real stores (DynamoDB in moto), the real secrets (moto
 * Secrets Manager, read through a counting wrapper) and the real queue (an SQS FIFO queue on moto): a
 * delivery signed with one repository's secret cannot reach another repository's Applications, an unknown
 * repository cannot be told from a wrong signature, and unauthenticated requests cost a bounded number of
 * Secrets Manager calls.
 */
@LocalAws
class WebhookSecurityIT {

  private static final String SECRET = WebhookSamples.TEST_SECRET;
  private static final int LOOKUPS = 5;

  private final WebhookTestBed bed = new WebhookTestBed(WebhookOptions.defaults().withSecretLookupsPerSecond(LOOKUPS));
  private final SqsClient sqs = bed.sqs();
  private final String fifo = sqs.createQueue(r -> r.queueName("webhook-security-" + UUID.randomUUID() + ".fifo")
      .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
  private final String delay = sqs.createQueue(r -> r.queueName("webhook-security-" + UUID.randomUUID())).queueUrl();
  private final CountingSecretsClient secrets = new CountingSecretsClient(new SecretsManagerClient(bed.sm));
  private final WebhookHandler handler = new WebhookHandler(bed.applications, bed.projects, bed.deliveries,
      new SqsWorkQueue(sqs, fifo, delay), secrets, bed.clock, bed.options);

  // --- one repository's secret, another repository's Applications

  static Stream<Arguments> otherRepositoryBesideTheSigned() {
    return Stream.of(
        Arguments.of("webhook-github-push.json", "https://github.com/acme/prod",
            edit(b -> repository(b).put("html_url", "https://github.com/acme/prod"))),
        Arguments.of("webhook-github-push.json", "https://github.com/acme/prod",
            edit(b -> repository(b).put("url", "https://github.com/acme/prod"))),
        Arguments.of("webhook-gitlab-push.json", "https://gitlab.example.com/acme/prod",
            edit(b -> repository(b).put("homepage", "https://gitlab.example.com/acme/prod"))),
        Arguments.of("webhook-gitea-push.json", "git@gitea.example.com:acme/prod.git",
            edit(b -> repository(b).put("ssh_url", "git@gitea.example.com:acme/prod.git"))),
        Arguments.of("webhook-bitbucket-dc-push.json", "https://bitbucket.example.com/scm/acme/prod.git",
            edit(b -> ((ObjectNode) ((ArrayNode) repository(b).get("links").get("clone")).get(1))
                .put("href", "https://bitbucket.example.com/scm/acme/prod.git"))));
  }

  @ParameterizedTest(name = "{0} naming {1}")
  @MethodSource("otherRepositoryBesideTheSigned")
  void aCrossRepositoryPayloadQueuesNothing(String sample, String other, Consumer<ObjectNode> naming) {
    APIGatewayV2HTTPEvent genuine = WebhookSamples.load(sample);
    registerTheSampleRepository(sample);
    bed.app("other-prod", other, "main").app("other-prod-default", other, "HEAD");

    APIGatewayV2HTTPEvent forged = edited(genuine, naming, SECRET);
    APIGatewayV2HTTPResponse r = handler.handleRequest(forged, null);

    assertThat(queuedCount()).as("nothing queued for either repository").isZero();
    assertThat(secrets.calls()).as("no secret read for a payload naming two repositories").isZero();
    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo("{\"error\":\"signature does not match\"}");
    // No delivery was recorded: the genuine delivery, same id, naming only its own repository, is still
    // processed, and queues its own repository's Application only.
    assertThat(handler.handleRequest(genuine, null).getBody()).isEqualTo("{\"queued\":1}");
    assertThat(queuedCount()).isEqualTo(1);
    assertThat(queuedApplications()).containsExactly("signed-repo");
  }

  /** The sample's repository with its secret and one Application tracking the sample's push. */
  private void registerTheSampleRepository(String sample) {
    switch (sample) {
      case "webhook-github-push.json" -> bed.secret("https://github.com/acme/deploy", SECRET)
          .app("signed-repo", "https://github.com/acme/deploy", "main");
      case "webhook-gitlab-push.json" -> bed.secret("https://gitlab.example.com/acme/deploy", SECRET)
          .app("signed-repo", "https://gitlab.example.com/acme/deploy", "main");
      case "webhook-gitea-push.json" -> bed.secret("https://gitea.example.com/acme/deploy", SECRET)
          .app("signed-repo", "https://gitea.example.com/acme/deploy", "HEAD");
      case "webhook-bitbucket-dc-push.json" -> bed.secret("ssh://git@bitbucket.example.com:7999/acme/deploy", SECRET)
          .app("signed-repo", "https://bitbucket.example.com/scm/acme/deploy.git", "refs/heads/main");
      default -> throw new IllegalArgumentException(sample);
    }
  }

  // --- unknown repository and wrong signature look alike

  @Test
  void anUnknownRepositoryAndAWrongSignatureGetTheSameAnswer() {
    bed.secret("https://git.example.com/acme/deploy", SECRET).app("generic-main", "https://git.example.com/acme/deploy",
        "main");
    APIGatewayV2HTTPEvent sample = WebhookSamples.load("webhook-driftless-push.json");
    String unknownBody = sample.getBody().replace("git.example.com/acme/deploy", "git.example.com/acme/unknown");

    List<APIGatewayV2HTTPResponse> answers = List.of(
        handler.handleRequest(WebhookSamples.signed(sample, unknownBody, "any-secret"), null),
        handler.handleRequest(WebhookSamples.signed(sample, sample.getBody(), "not-the-secret"), null),
        handler.handleRequest(WebhookSamples.with(sample, nullSignature(), null), null),
        handler.handleRequest(WebhookSamples.with(sample, nullSignature(), unknownBody), null),
        handler.handleRequest(WebhookSamples.signed(sample, sample.getBody().replace(
            "https://git.example.com/acme/deploy.git", "https://git.example.com/acme/dé ploy"), "x"), null));

    for (APIGatewayV2HTTPResponse a : answers) {
      assertThat(a.getStatusCode()).isEqualTo(401);
      assertThat(a.getBody()).isEqualTo("{\"error\":\"signature does not match\"}");
      assertThat(a.getHeaders()).isEqualTo(answers.get(0).getHeaders());
      assertThat(a.getMultiValueHeaders()).isEqualTo(answers.get(0).getMultiValueHeaders());
      assertThat(a.getCookies()).isEqualTo(answers.get(0).getCookies());
      assertThat(a.getIsBase64Encoded()).isEqualTo(answers.get(0).getIsBase64Encoded());
    }
    assertThat(queuedCount()).isZero();
  }

  // --- Secrets Manager calls are bounded

  @Test
  void unknownRepositoriesCostAtMostTheLookupBudgetAndARepeatCostsNothing() {
    bed.secret("https://git.example.com/acme/deploy", SECRET).app("generic-main", "https://git.example.com/acme/deploy",
        "main");
    APIGatewayV2HTTPEvent sample = WebhookSamples.load("webhook-driftless-push.json");
    assertThat(handler.handleRequest(sample, null).getBody()).isEqualTo("{\"queued\":1}");
    assertThat(secrets.calls()).isEqualTo(1);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      statuses.add(handler.handleRequest(unknown(sample, i), null).getStatusCode());
    }
    assertThat(secrets.calls()).as("one call per repository until the budget (the known one's call included) is spent")
        .isEqualTo(LOOKUPS);

    for (int i = 0; i < LOOKUPS - 1; i++) {
      statuses.add(handler.handleRequest(unknown(sample, i), null).getStatusCode());
    }
    assertThat(secrets.calls()).as("a repeated unknown repository is answered from the cache").isEqualTo(LOOKUPS);
    assertThat(statuses).containsOnly(401);

    APIGatewayV2HTTPEvent again = WebhookSamples.signed(sample, sample.getBody().replace(
        "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f", "4444444444444444444444444444444444444444"), SECRET);
    assertThat(handler.handleRequest(WebhookSamples.with(again, Map.of("x-driftless-delivery", "after-flood"), null),
        null).getBody()).as("a known repository's cached secret outlives the flood").isEqualTo("{\"queued\":1}");
    assertThat(secrets.calls()).isEqualTo(LOOKUPS);
  }

  @Test
  void aPayloadNamingManyRepositoriesCostsNoSecretsManagerCall() {
    APIGatewayV2HTTPEvent forged = edited(WebhookSamples.load("webhook-github-push.json"), b -> repository(b)
        .put("clone_url", "https://github.com/acme/one.git").put("ssh_url", "git@github.com:acme/two.git")
        .put("git_url", "git://github.com/acme/three.git").put("html_url", "https://github.com/acme/four")
        .put("url", "https://github.com/acme/five"), "guess");

    APIGatewayV2HTTPResponse r = handler.handleRequest(forged, null);

    assertThat(secrets.calls()).isZero();
    assertThat(r.getStatusCode()).isEqualTo(401);
  }

  // --- helpers

  private static APIGatewayV2HTTPEvent unknown(APIGatewayV2HTTPEvent sample, int i) {
    String body = sample.getBody().replace("git.example.com/acme/deploy", "git.example.com/acme/unknown-" + i);
    return WebhookSamples.signed(sample, body, "guess-" + i);
  }

  private static Map<String, String> nullSignature() {
    Map<String, String> none = new HashMap<>();
    none.put("x-driftless-signature", null);
    return none;
  }

  private static Consumer<ObjectNode> edit(Consumer<ObjectNode> e) {
    return e;
  }

  private static ObjectNode repository(ObjectNode body) {
    return (ObjectNode) body.get("repository");
  }

  private int queuedCount() {
    return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(fifo)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  private List<String> queuedApplications() {
    List<String> apps = new ArrayList<>();
    for (Message m : sqs.receiveMessage(r -> r.queueUrl(fifo).maxNumberOfMessages(10)).messages()) {
      apps.add(SyncMessage.parse(m.body(), m.messageId()).application());
    }
    return apps;
  }
}
