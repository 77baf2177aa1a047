package dev.driftless.secrets;

import java.time.Duration;

/**
 * How the resolver caches and what it may read. A fetched secret version is reused for {@code cacheLifetime}
 * across operations of a warm Lambda (default 5 minutes; zero disables the cache), so a rotated secret is
 * applied at the latest that long after its rotation. References may name only secrets whose names start with
 * {@code referencePrefix} (default {@code driftless/refs/}, see {@link SecretLayout#refs()}): Driftless's own
 * credentials live elsewhere under the deployment prefix, so no commit can publish them.
 */
public record SecretResolverOptions(Duration cacheLifetime, String referencePrefix) {

  public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofMinutes(5);

  public SecretResolverOptions {
    cacheLifetime = cacheLifetime == null || cacheLifetime.isNegative() ? DEFAULT_CACHE_LIFETIME : cacheLifetime;
    referencePrefix = referencePrefix == null || referencePrefix.isBlank() ? SecretLayout.defaults().refs()
        : referencePrefix;
  }

  public static SecretResolverOptions defaults() {
    return new SecretResolverOptions(DEFAULT_CACHE_LIFETIME, SecretLayout.defaults().refs());
  }

  public SecretResolverOptions withReferencePrefix(String prefix) {
    return new SecretResolverOptions(cacheLifetime, prefix);
  }
}
