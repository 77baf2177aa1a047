package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.functions.PlanMessage;
import dev.driftless.testkit.LocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull-request deliveries (GitHub and Gitea {@code pull_request}, GitLab Merge Request Hook) against the real
 * stores and secrets (moto): opened, updated or reopened, one plan is queued for the Applications tracking the base
 * branch; other actions are answered "ignored"; signatures are checked as for pushes.
 */
@LocalAws
class WebhookPullRequestIT {

  private static final String HEAD = "3f1e2d3c4b5a69788a7b6c5d4e3f2a1b0c9d8e7f";

  private WebhookTestBed bed;

  @BeforeEach
  void bed() {
    bed = new WebhookTestBed();
    String s = WebhookSamples.TEST_SECRET;
    bed.secret("https://github.com/acme/deploy", s).app("gh-main", "https://github.com/acme/deploy.git", "main")
        .app("gh-main-ssh", "git@github.com:acme/deploy.git", "refs/heads/main")
        .app("gh-dev", "https://github.com/acme/deploy.git", "dev");
    bed.secret("git@gitlab.example.com:acme/deploy.git", s)
        .app("gl-main", "git@gitlab.example.com:acme/deploy.git", "main");
    bed.secret("https://gitea.example.com/acme/deploy", s)
        .app("gitea-main", "https://gitea.example.com/acme/deploy.git", "main");
  }

  private static APIGatewayV2HTTPEvent github(String action, String secret) {
    APIGatewayV2HTTPEvent push = WebhookSamples.load("webhook-github-push.json");
    APIGatewayV2HTTPEvent pr = WebhookSamples.with(push, Map.of("x-github-event", "pull_request",
        "x-github-delivery", "pr-" + action), null);
    return WebhookSamples.edited(pr, b -> githubBody(b, action), secret);
  }

  private static void githubBody(ObjectNode b, String action) {
    ObjectNode repo = (ObjectNode) b.get("repository");
    b.removeAll();
    b.put("action", action).put("number", 7).set("repository", repo);
    ObjectNode pr = b.putObject("pull_request");
    pr.put("number", 7);
    pr.putObject("head").put("sha", HEAD).put("ref", "feature");
    pr.putObject("base").put("sha", "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f").put("ref", "main");
  }

  @Test
  void anOpenedGithubPullRequestQueuesOnePlanForTheApplicationsTrackingItsBase() {
    APIGatewayV2HTTPResponse r = bed.send(github("opened", WebhookSamples.TEST_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(r.getBody()).isEqualTo("{\"queued\":1}");
    assertThat(bed.queue.enqueued()).isEmpty();
    assertThat(bed.queue.plans()).containsExactly(new PlanMessage("https://github.com/acme/deploy.git", 7, HEAD,
        List.of("gh-main", "gh-main-ssh")));
  }

  @Test
  void synchronizeAndReopenedArePlannedClosedAndLabeledAreIgnored() {
    assertThat(bed.send(github("synchronize", WebhookSamples.TEST_SECRET)).getBody()).isEqualTo("{\"queued\":1}");
    assertThat(bed.send(github("reopened", WebhookSamples.TEST_SECRET)).getBody()).isEqualTo("{\"queued\":1}");
    for (String action : List.of("closed", "labeled", "edited")) {
      APIGatewayV2HTTPResponse r = bed.send(github(action, WebhookSamples.TEST_SECRET));
      assertThat(r.getStatusCode()).as(action).isEqualTo(200);
      assertThat(r.getBody()).as(action).isEqualTo("{\"ignored\":true}");
    }
    assertThat(bed.queue.plans()).hasSize(2);
  }

  @Test
  void aPullRequestSignedWithAnotherSecretIsRefusedAndQueuesNothing() {
    APIGatewayV2HTTPResponse r = bed.send(github("opened", "not-the-secret"));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(bed.queue.plans()).isEmpty();
  }

  @Test
  void aPullRequestWithAMalformedHeadIsRefusedAndQueuesNothing() {
    APIGatewayV2HTTPEvent bad = WebhookSamples.edited(github("opened", WebhookSamples.TEST_SECRET),
        b -> ((ObjectNode) b.get("pull_request").get("head")).put("sha", "main; rm -rf /"), WebhookSamples.TEST_SECRET);

    APIGatewayV2HTTPResponse r = bed.send(bad);

    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(bed.queue.plans()).isEmpty();
  }

  @Test
  void aGitlabMergeRequestUpdateQueuesAPlanByItsIid() {
    APIGatewayV2HTTPEvent push = WebhookSamples.load("webhook-gitlab-push.json");
    APIGatewayV2HTTPEvent mr = WebhookSamples.with(push, Map.of("x-gitlab-event", "Merge Request Hook",
        "idempotency-key", "mr-update-1"), null);
    APIGatewayV2HTTPEvent e = WebhookSamples.edited(mr, b -> {
      ObjectNode project = (ObjectNode) b.get("project");
      b.removeAll();
      b.put("object_kind", "merge_request").set("project", project);
      ObjectNode attrs = b.putObject("object_attributes");
      attrs.put("iid", 12).put("id", 901).put("action", "update").put("target_branch", "main")
          .put("source_branch", "feature").putObject("last_commit").put("id", HEAD);
    }, WebhookSamples.TEST_SECRET);

    assertThat(bed.send(e).getBody()).isEqualTo("{\"queued\":1}");
    assertThat(bed.queue.plans()).containsExactly(new PlanMessage("git@gitlab.example.com:acme/deploy.git", 12, HEAD,
        List.of("gl-main")));
  }

  @Test
  void aGiteaSynchronizedPullRequestQueuesAPlan() {
    APIGatewayV2HTTPEvent push = WebhookSamples.load("webhook-gitea-push.json");
    APIGatewayV2HTTPEvent pr = WebhookSamples.with(push, Map.of("x-gitea-event", "pull_request",
        "x-gitea-delivery", "gitea-pr-1", "x-github-event", "pull_request"), null);
    APIGatewayV2HTTPEvent e = WebhookSamples.edited(pr, b -> githubBody(b, "synchronized"),
        WebhookSamples.TEST_SECRET);

    assertThat(bed.send(e).getBody()).isEqualTo("{\"queued\":1}");
    assertThat(bed.queue.plans()).containsExactly(new PlanMessage("https://gitea.example.com/acme/deploy.git", 7,
        HEAD, List.of("gitea-main")));
  }
}
