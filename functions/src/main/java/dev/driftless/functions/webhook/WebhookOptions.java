package dev.driftless.functions.webhook;

import java.time.Duration;
import java.util.Map;

/**
 * The webhook's limits and lifetimes.
 *
 * @param maxBodyBytes the largest body accepted, decoded; larger ones are refused with 413 before they are
 *     decoded or parsed (default 1 MiB; a Function URL itself accepts at most 6 MB)
 * @param secretPrefix the Secrets Manager name prefix: a repository's webhook secret is named
 *     {@code <prefix><normalized repository>}, e.g. {@code driftless/webhooks/github.com/acme/deploy}
 * @param secretLifetime how long a secret read from Secrets Manager is kept in the container (default 5 min;
 *     a rotated secret is picked up within this time)
 * @param missingSecretLifetime how long "no secret for this repository" is kept (default 1 min), so unknown
 *     repositories do not cost a Secrets Manager call each
 * @param secretCacheEntries the most repositories cached at once, found and missing ones each (least recently
 *     used leave first)
 * @param secretLookupsPerSecond the most Secrets Manager lookups a container makes for repositories not in
 *     its cache, per second (default 10, as a burst and as the refill); beyond it a delivery for an uncached
 *     repository is refused like an unknown one, without asking
 * @param deliveryRetention how long a delivery id is remembered to drop redeliveries (default 7 days)
 */
public record WebhookOptions(long maxBodyBytes, String secretPrefix, Duration secretLifetime,
    Duration missingSecretLifetime, int secretCacheEntries, int secretLookupsPerSecond, Duration deliveryRetention) {

  /** Environment variable overriding {@link #maxBodyBytes()}. */
  public static final String MAX_BODY_ENV = "DRIFTLESS_WEBHOOK_MAX_BODY_BYTES";
  /** Environment variable overriding {@link #secretLookupsPerSecond()}. */
  public static final String LOOKUPS_ENV = "DRIFTLESS_WEBHOOK_SECRET_LOOKUPS_PER_SECOND";
  public static final String DEFAULT_PREFIX = "driftless/webhooks/";

  public WebhookOptions {
    if (secretCacheEntries < 1) {
      throw new IllegalArgumentException("webhook options: secretCacheEntries must be at least 1");
    }
    if (secretLookupsPerSecond < 1) {
      throw new IllegalArgumentException("webhook options: secretLookupsPerSecond must be at least 1");
    }
  }

  public static WebhookOptions defaults() {
    return new WebhookOptions(1L << 20, DEFAULT_PREFIX, Duration.ofMinutes(5), Duration.ofMinutes(1), 1000, 10,
        Duration.ofDays(7));
  }

  /** Defaults with the prefix, body limit and lookup rate the environment sets. */
  public static WebhookOptions fromEnvironment(Map<String, String> env, String prefixVariable) {
    WebhookOptions o = defaults();
    String prefix = env.get(prefixVariable);
    if (prefix != null && !prefix.isBlank()) o = o.withSecretPrefix(prefix.strip());
    String max = env.get(MAX_BODY_ENV);
    if (max != null && !max.isBlank()) {
      o = o.withMaxBodyBytes(number(max, MAX_BODY_ENV, 1, Long.MAX_VALUE, "a number of bytes"));
    }
    String lookups = env.get(LOOKUPS_ENV);
    if (lookups != null && !lookups.isBlank()) {
      o = o.withSecretLookupsPerSecond((int) number(lookups, LOOKUPS_ENV, 1, 1_000_000, "a number from 1 to 1000000"));
    }
    return o;
  }

  private static long number(String value, String variable, long min, long max, String what) {
    IllegalStateException bad = new IllegalStateException("environment variable " + variable + " is not " + what);
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw bad;
    }
    if (n < min || n > max) throw bad;
    return n;
  }

  public WebhookOptions withMaxBodyBytes(long bytes) {
    return new WebhookOptions(bytes, secretPrefix, secretLifetime, missingSecretLifetime, secretCacheEntries,
        secretLookupsPerSecond, deliveryRetention);
  }

  public WebhookOptions withSecretPrefix(String prefix) {
    return new WebhookOptions(maxBodyBytes, prefix, secretLifetime, missingSecretLifetime, secretCacheEntries,
        secretLookupsPerSecond, deliveryRetention);
  }

  public WebhookOptions withSecretCacheEntries(int entries) {
    return new WebhookOptions(maxBodyBytes, secretPrefix, secretLifetime, missingSecretLifetime, entries,
        secretLookupsPerSecond, deliveryRetention);
  }

  public WebhookOptions withSecretLookupsPerSecond(int lookups) {
    return new WebhookOptions(maxBodyBytes, secretPrefix, secretLifetime, missingSecretLifetime, secretCacheEntries,
        lookups, deliveryRetention);
  }
}
