package dev.driftless.secrets;

import java.time.Duration;

/**
 * How the resolver caches: a fetched secret version is reused for {@code cacheLifetime} across operations
 * of a warm Lambda (default 5 minutes; zero disables the cache), so a rotated secret is applied at the
 * latest that long after its rotation.
 */
public record SecretResolverOptions(Duration cacheLifetime) {

  public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofMinutes(5);

  public SecretResolverOptions {
    cacheLifetime = cacheLifetime == null || cacheLifetime.isNegative() ? DEFAULT_CACHE_LIFETIME : cacheLifetime;
  }

  public static SecretResolverOptions defaults() {
    return new SecretResolverOptions(DEFAULT_CACHE_LIFETIME);
  }
}
