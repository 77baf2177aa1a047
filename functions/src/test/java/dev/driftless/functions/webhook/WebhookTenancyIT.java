package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.testkit.LocalAws;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhook tenancy on one repository shared by three teams, against the real stores (moto's DynamoDB) and secrets
 * (moto's Secrets Manager): team-a and team-b own their webhook secrets, team-c and the implicit default do not.
 * A team's secret reaches only its own Applications, and only at its own path; the repository's secret reaches
 * only the Applications of projects that do not own theirs.
 */
@LocalAws
class WebhookTenancyIT {

  private static final String REPO = "https://git.example.com/acme/deploy";
  private static final String REPO_SECRET = "platform-secret";
  private static final String A_SECRET = "team-a-secret";
  private static final String B_SECRET = "team-b-secret";
  private static final String UNVERIFIED = "{\"error\":\"signature does not match\"}";

  private final WebhookTestBed bed = new WebhookTestBed()
      .project("team-a", true).project("team-b", true).project("team-c", false)
      .app("a-web", REPO, "main", "team-a").app("b-web", REPO, "main", "team-b")
      .app("c-web", REPO, "main", "team-c").app("platform-web", REPO, "main")
      .secret(REPO, REPO_SECRET).projectSecret("team-a", REPO, A_SECRET).projectSecret("team-b", REPO, B_SECRET);

  /** The sample push to the shared repository, a fresh delivery id, signed with the secret, posted to the path. */
  private APIGatewayV2HTTPEvent push(String path, String secret) {
    APIGatewayV2HTTPEvent sample = WebhookSamples.load("webhook-driftless-push.json");
    APIGatewayV2HTTPEvent e = WebhookSamples.signed(WebhookSamples.with(sample,
        Map.of("x-driftless-delivery", UUID.randomUUID().toString()), null), sample.getBody(), secret);
    e.setRawPath(path);
    e.getRequestContext().getHttp().setPath(path);
    return e;
  }

  private List<String> queued() {
    return bed.queue.enqueued().stream().map(q -> q.message().application()).toList();
  }

  private void applicationSet(String name, String project) {
    bed.applications.sets().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: %s}
        spec:
          generators: [{git: {repoURL: '%s', revision: main, directories: [{path: 'apps/*'}]}}]
          template:
            metadata: {name: '%s-{{path.basename}}'}
            spec:
              project: %s
              source: {repoURL: '%s', targetRevision: main, path: '{{path}}'}
              destination: {name: c1, namespace: web}
        """.formatted(name, REPO, name, project, REPO), "set " + name, 0);
  }

  @Test
  void aPushReEvaluatesTheApplicationSetsReadingTheRepositoryInTheDeliverysScopeOnly() {
    applicationSet("set-a", "team-a");
    applicationSet("set-platform", "default");

    assertThat(bed.send(push("/projects/team-a", A_SECRET)).getStatusCode()).isEqualTo(202);
    assertThat(queued()).containsExactlyInAnyOrder("a-web", "applicationset/set-a");
    bed.queue.clear();
    assertThat(bed.send(push("/", REPO_SECRET)).getStatusCode()).isEqualTo(202);
    assertThat(queued()).containsExactlyInAnyOrder("c-web", "platform-web", "applicationset/set-platform");
  }

  @Test
  void aDeliverySignedWithTeamAsSecretQueuesOnlyTeamAsApplicationsOnASharedRepository() {
    APIGatewayV2HTTPResponse r = bed.send(push("/projects/team-a", A_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(queued()).containsExactly("a-web");
  }

  @Test
  void teamAsSecretPostedToTeamBsPathIsRefusedAndQueuesNothing() {
    APIGatewayV2HTTPResponse r = bed.send(push("/projects/team-b", A_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo(UNVERIFIED);
    assertThat(queued()).isEmpty();
  }

  @Test
  void aTeamsSecretDoesNotVerifyAtTheRepositorysPath() {
    APIGatewayV2HTTPResponse r = bed.send(push("/", A_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(queued()).isEmpty();
  }

  @Test
  void theRepositorysSecretQueuesOnlyApplicationsOfProjectsThatDoNotOwnTheirSecrets() {
    APIGatewayV2HTTPResponse r = bed.send(push("/", REPO_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(queued()).containsExactlyInAnyOrder("c-web", "platform-web");
  }

  @Test
  void theRepositorysSecretDoesNotVerifyAtAProjectsPath() {
    APIGatewayV2HTTPResponse r = bed.send(push("/projects/team-a", REPO_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(queued()).isEmpty();
  }

  @Test
  void aProjectsSecretQueuesNothingWhileTheProjectDoesNotOwnItsSecrets() {
    bed.projectSecret("team-c", REPO, "team-c-secret");

    APIGatewayV2HTTPResponse r = bed.send(push("/projects/team-c", "team-c-secret"));

    assertThat(r.getStatusCode()).isEqualTo(202);
    assertThat(queued()).isEmpty();
  }

  @Test
  void theLocalRunnersWebhookPathTakesTheProjectAfterIt() {
    assertThat(bed.send(push("/webhook/projects/team-a", A_SECRET)).getStatusCode()).isEqualTo(202);
    assertThat(queued()).containsExactly("a-web");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/projects/..", "/projects/team-a/..", "/projects/team-a%2F..%2Fx", "/projects/team-a/x",
      "/projects/", "/projects/Team-A", "/projects/../team-a", "/projects/team-a/projects/team-b", "/projects/%74eam-a"})
  void aProjectInThePathThatIsNotANameIsRefusedAsAWrongSignatureIs(String path) {
    APIGatewayV2HTTPResponse r = bed.send(push(path, A_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo(UNVERIFIED);
    assertThat(queued()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "Team-A", "team_a"})
  void aProjectThatIsNotANameIsRefusedEvenWhereASecretCarriesItsName(String project) {
    // Secrets Manager takes these names, so only the path's check stands between them and a verified delivery.
    bed.projectSecret(project, REPO, A_SECRET);

    APIGatewayV2HTTPResponse r = bed.send(push("/projects/" + project, A_SECRET));

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(r.getBody()).isEqualTo(UNVERIFIED);
  }

  @Test
  void aRepositoryWhoseNameFallsAmongTheProjectsSecretsHasNoRepositorySecret() {
    // A repository on a host named "projects" would name team-a's secret at the repository's path.
    String body = WebhookSamples.load("webhook-driftless-push.json").getBody()
        .replace("https://git.example.com/acme/deploy.git", "https://projects/team-a/git.example.com/acme/deploy");
    bed.app("look-alike", "https://projects/team-a/git.example.com/acme/deploy", "main");
    APIGatewayV2HTTPEvent e = WebhookSamples.signed(push("/", A_SECRET), body, A_SECRET);

    APIGatewayV2HTTPResponse r = bed.send(e);

    assertThat(r.getStatusCode()).isEqualTo(401);
    assertThat(queued()).isEmpty();
  }
}
