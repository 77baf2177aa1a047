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
 * @param secretCacheEntries the most repositories cached at once (least recently used leave first)
 * @param deliveryRetention how long a delivery id is remembered to drop redeliveries (default 7 days)
 */
public record WebhookOptions(long maxBodyBytes, String secretPrefix, Duration secretLifetime,
    Duration missingSecretLifetime, int secretCacheEntries, Duration deliveryRetention) {

  /** Environment variable overriding {@link #maxBodyBytes()}. */
  public static final String MAX_BODY_ENV = "DRIFTLESS_WEBHOOK_MAX_BODY_BYTES";
  public static final String DEFAULT_PREFIX = "driftless/webhooks/";

  public static WebhookOptions defaults() {
    return new WebhookOptions(1L << 20, DEFAULT_PREFIX, Duration.ofMinutes(5), Duration.ofMinutes(1), 1000,
        Duration.ofDays(7));
  }

  /** Defaults with the prefix and body limit the environment sets. */
  public static WebhookOptions fromEnvironment(Map<String, String> env, String prefixVariable) {
    WebhookOptions o = defaults();
    String prefix = env.get(prefixVariable);
    if (prefix != null && !prefix.isBlank()) o = o.withSecretPrefix(prefix.strip());
    String max = env.get(MAX_BODY_ENV);
    if (max != null && !max.isBlank()) {
      try {
        o = o.withMaxBodyBytes(Long.parseLong(max.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("environment variable " + MAX_BODY_ENV + " is not a number of bytes");
      }
    }
    return o;
  }

  public WebhookOptions withMaxBodyBytes(long bytes) {
    return new WebhookOptions(bytes, secretPrefix, secretLifetime, missingSecretLifetime, secretCacheEntries,
        deliveryRetention);
  }

  public WebhookOptions withSecretPrefix(String prefix) {
    return new WebhookOptions(maxBodyBytes, prefix, secretLifetime, missingSecretLifetime, secretCacheEntries,
        deliveryRetention);
  }

  public WebhookOptions withSecretLifetimes(Duration found, Duration missing) {
    return new WebhookOptions(maxBodyBytes, secretPrefix, found, missing, secretCacheEntries, deliveryRetention);
  }
}
