package dev.driftless.functions.webhook;

import dev.driftless.secrets.SecretsClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each repository's webhook secret, read from Secrets Manager at {@code <prefix><normalized repository>}
 * (the secret string, surrounding whitespace ignored) and kept per container: a found secret for
 * {@link WebhookOptions#secretLifetime()}, a missing one for {@link WebhookOptions#missingSecretLifetime()},
 * at most {@link WebhookOptions#secretCacheEntries()} repositories. A name Secrets Manager cannot hold
 * (characters outside {@code A-Za-z0-9/_+=.@-}, or over 512) has no secret and costs no call. An empty
 * secret counts as none: anyone could sign with it.
 */
public final class WebhookSecrets {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  /** A cached answer; no toString, so a value can never reach a log. */
  private static final class Entry {
    final String value;
    final Instant until;

    Entry(String value, Instant until) {
      this.value = value;
      this.until = until;
    }
  }

  private final SecretsClient client;
  private final Clock clock;
  private final WebhookOptions options;
  private final Map<String, Entry> cache;

  public WebhookSecrets(SecretsClient client, Clock clock, WebhookOptions options) {
    this.client = client;
    this.clock = clock;
    this.options = options;
    int max = options.secretCacheEntries();
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > max;
      }
    };
  }

  /** The Secrets Manager name of a repository's webhook secret. */
  public static String secretName(String prefix, String normalizedRepo) {
    return prefix + normalizedRepo;
  }

  /** The repository's secret, or empty when it has none. */
  public Optional<String> secretFor(String normalizedRepo) {
    String name = secretName(options.secretPrefix(), normalizedRepo);
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (cache) {
      Entry e = cache.get(name);
      if (e != null && now.isBefore(e.until)) {
        return Optional.ofNullable(e.value);
      }
    }
    String value = client.secretString(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    Entry fresh = new Entry(value, now.plus(value == null ? options.missingSecretLifetime() : options.secretLifetime()));
    synchronized (cache) {
      cache.put(name, fresh);
    }
    return Optional.ofNullable(value);
  }
}
