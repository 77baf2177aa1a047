package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.TestClock;
import dev.driftless.secrets.SecretsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T07:00:00Z"));
  private final Map<String, String> stored = new HashMap<>();
  private final List<String> asked = new ArrayList<>();
  private final SecretsClient client = (id, stage, version) -> {
    asked.add(id);
    return Optional.ofNullable(stored.get(id));
  };
  private final WebhookSecrets secrets = new WebhookSecrets(client, clock, WebhookOptions.defaults());

  @Test
  void aSecretIsReadAtPrefixPlusRepositoryAndKeptForFiveMinutes() {
    stored.put("driftless/webhooks/github.com/acme/deploy", "  s3cret\n");
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/deploy").secret()).contains("s3cret");
    clock.advance(Duration.ofMinutes(4));
    stored.put("driftless/webhooks/github.com/acme/deploy", "rotated");
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/deploy").secret()).contains("s3cret");
    clock.advance(Duration.ofMinutes(1));
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/deploy").secret()).contains("rotated");
    assertThat(asked).containsExactly("driftless/webhooks/github.com/acme/deploy",
        "driftless/webhooks/github.com/acme/deploy");
  }

  @Test
  void aMissingSecretIsRememberedForOneMinute() {
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/unknown").secret()).isEmpty();
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/unknown").secret()).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    stored.put("driftless/webhooks/github.com/acme/unknown", "new");
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/unknown").secret()).contains("new");
    assertThat(asked).hasSize(2);
  }

  @Test
  void namesSecretsManagerCannotHoldAndBlankSecretsCountAsNone() {
    assertThat(secrets.secretFor(WebhookScope.repository(), "git.example.com/acme/dé ploy").secret()).isEmpty();
    assertThat(secrets.secretFor(WebhookScope.repository(), "x".repeat(600)).secret()).isEmpty();
    assertThat(asked).isEmpty();
    stored.put("driftless/webhooks/git.example.com/blank", "  ");
    assertThat(secrets.secretFor(WebhookScope.repository(), "git.example.com/blank").secret()).isEmpty();
  }

  @Test
  void theCacheKeepsAtMostItsBoundOfRepositories() {
    WebhookSecrets small = new WebhookSecrets(client, clock,
        WebhookOptions.defaults().withSecretPrefix("p/").withSecretCacheEntries(2));
    small.secretFor(WebhookScope.repository(), "a");
    small.secretFor(WebhookScope.repository(), "b");
    small.secretFor(WebhookScope.repository(), "c");
    small.secretFor(WebhookScope.repository(), "a");
    assertThat(asked).containsExactly("p/a", "p/b", "p/c", "p/a");
  }

  @Test
  void aFloodOfUnknownRepositoriesDoesNotPushAKnownSecretOutOfTheCache() {
    WebhookSecrets small = new WebhookSecrets(client, clock,
        WebhookOptions.defaults().withSecretPrefix("p/").withSecretCacheEntries(2));
    stored.put("p/known", "s3cret");
    assertThat(small.secretFor(WebhookScope.repository(), "known").secret()).contains("s3cret");
    small.secretFor(WebhookScope.repository(), "unknown-1");
    small.secretFor(WebhookScope.repository(), "unknown-2");
    small.secretFor(WebhookScope.repository(), "unknown-3");

    assertThat(small.secretFor(WebhookScope.repository(), "known").secret()).contains("s3cret");
    assertThat(asked).containsExactly("p/known", "p/unknown-1", "p/unknown-2", "p/unknown-3");
  }

  @Test
  void lookupsBeyondTheBudgetAreDeferredWithoutAskingUntilItRefills() {
    WebhookSecrets limited = new WebhookSecrets(client, clock, WebhookOptions.defaults().withSecretLookupsPerSecond(3));
    for (int i = 0; i < 5; i++) {
      limited.secretFor(WebhookScope.repository(), "github.com/acme/unknown-" + i);
    }
    assertThat(asked).hasSize(3);
    assertThat(limited.secretFor(WebhookScope.repository(), "github.com/acme/unknown-4").outcome()).isEqualTo(CallerSecrets.Lookup.Outcome.DEFERRED);
    assertThat(limited.secretFor(WebhookScope.repository(), "github.com/acme/unknown-0").outcome())
        .as("a cached answer spends nothing").isEqualTo(CallerSecrets.Lookup.Outcome.NONE);

    clock.advance(Duration.ofMillis(340));
    assertThat(limited.secretFor(WebhookScope.repository(), "github.com/acme/unknown-4").outcome()).isEqualTo(CallerSecrets.Lookup.Outcome.NONE);
    assertThat(limited.secretFor(WebhookScope.repository(), "github.com/acme/unknown-5").outcome()).isEqualTo(CallerSecrets.Lookup.Outcome.DEFERRED);
    assertThat(asked).hasSize(4);
  }

  @Test
  void aLookupShowsItsOutcomeNeverItsSecret() {
    stored.put("driftless/webhooks/github.com/acme/deploy", "s3cret");
    assertThat(secrets.secretFor(WebhookScope.repository(), "github.com/acme/deploy")).hasToString("FOUND");
  }
}
