package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookScopeTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "", "/webhook", "/webhook/"})
  void aPathWithoutProjectsIsTheRepositorysScope(String path) {
    assertThat(WebhookScope.of(path)).isEqualTo(WebhookScope.repository());
  }

  @Test
  void aProjectsPathNamesTheProjectsOwnSecret() {
    WebhookScope scope = WebhookScope.of("/webhook/projects/team-a");

    assertThat(scope.kind()).isEqualTo(WebhookScope.Kind.PROJECT);
    assertThat(scope.secretName("driftless/webhooks/", "github.com/acme/deploy"))
        .isEqualTo("driftless/webhooks/projects/team-a/github.com/acme/deploy");
    assertThat(WebhookScope.repository().secretName("driftless/webhooks/", "github.com/acme/deploy"))
        .isEqualTo("driftless/webhooks/github.com/acme/deploy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/projects/..", "/projects/a%2Fb", "/projects", "/projects/a/b", "/projects/A"})
  void aProjectThatIsNotANameNamesNoSecret(String path) {
    WebhookScope scope = WebhookScope.of(path);

    assertThat(scope.kind()).isEqualTo(WebhookScope.Kind.INVALID);
    assertThat(scope.secretName("driftless/webhooks/", "github.com/acme/deploy")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"audit/c1", "projects/team-a/github.com/acme/deploy"})
  void aRepositoryOnAHostNamedLikeADirectoryOfOtherSecretsHasNoSecret(String normalizedRepo) {
    // A host named "audit" would otherwise verify its pushes with cluster c1's audit webhook token.
    assertThat(WebhookScope.repository().secretName("driftless/webhooks/", normalizedRepo)).isNull();
  }
}
