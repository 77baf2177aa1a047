package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.secrets.SecretsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

  private Instant now = Instant.parse("2026-11-24T07:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
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
    assertThat(secrets.secretFor("github.com/acme/deploy")).contains("s3cret");
    now = now.plus(Duration.ofMinutes(4));
    stored.put("driftless/webhooks/github.com/acme/deploy", "rotated");
    assertThat(secrets.secretFor("github.com/acme/deploy")).contains("s3cret");
    now = now.plus(Duration.ofMinutes(1));
    assertThat(secrets.secretFor("github.com/acme/deploy")).contains("rotated");
    assertThat(asked).containsExactly("driftless/webhooks/github.com/acme/deploy",
        "driftless/webhooks/github.com/acme/deploy");
  }

  @Test
  void aMissingSecretIsRememberedForOneMinute() {
    assertThat(secrets.secretFor("github.com/acme/unknown")).isEmpty();
    assertThat(secrets.secretFor("github.com/acme/unknown")).isEmpty();
    now = now.plus(Duration.ofSeconds(61));
    stored.put("driftless/webhooks/github.com/acme/unknown", "new");
    assertThat(secrets.secretFor("github.com/acme/unknown")).contains("new");
    assertThat(asked).hasSize(2);
  }

  @Test
  void namesSecretsManagerCannotHoldAndBlankSecretsCountAsNone() {
    assertThat(secrets.secretFor("git.example.com/acme/dé ploy")).isEmpty();
    assertThat(secrets.secretFor("x".repeat(600))).isEmpty();
    assertThat(asked).isEmpty();
    stored.put("driftless/webhooks/git.example.com/blank", "  ");
    assertThat(secrets.secretFor("git.example.com/blank")).isEmpty();
  }

  @Test
  void theCacheKeepsAtMostItsBoundOfRepositories() {
    WebhookSecrets small = new WebhookSecrets(client, clock, new WebhookOptions(1 << 20, "p/", Duration.ofMinutes(5),
        Duration.ofMinutes(1), 2, Duration.ofDays(7)));
    small.secretFor("a");
    small.secretFor("b");
    small.secretFor("c");
    small.secretFor("a");
    assertThat(asked).containsExactly("p/a", "p/b", "p/c", "p/a");
  }
}
