package dev.driftless.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret versions fetched earlier, each kept for a stated lifetime by the given clock, keyed by id, version
 * stage and version id. Only found values are kept: a missing secret is asked for again next time. One
 * cache per resolver instance, which lives as long as the warm Lambda container.
 */
final class SecretCache {

  private record Entry(String value, String versionId, Instant fetchedAt) {
    @Override
    public String toString() {
      return "Entry[fetchedAt=" + fetchedAt + "]";
    }
  }

  private final Clock clock;
  private final Duration lifetime;
  private final Map<SecretVersion, Entry> entries = new ConcurrentHashMap<>();

  SecretCache(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** The values of the versions, from the cache where fresh and from the client (once, batched) otherwise. */
  SecretValues fetch(Collection<SecretVersion> versions, SecretsClient client) {
    Instant now = clock.instant();
    Map<SecretVersion, String> fresh = new LinkedHashMap<>();
    Map<SecretVersion, String> freshIds = new LinkedHashMap<>();
    Set<SecretVersion> missing = new LinkedHashSet<>();
    for (SecretVersion v : versions) {
      Entry e = entries.get(v);
      if (e != null && now.isBefore(e.fetchedAt().plus(lifetime))) {
        fresh.put(v, e.value());
        if (e.versionId() != null) freshIds.put(v, e.versionId());
      } else {
        missing.add(v);
      }
    }
    SecretValues fetched = missing.isEmpty() ? SecretValues.none() : client.secretStrings(missing);
    if (!lifetime.isZero()) {
      for (SecretVersion v : fetched.versions()) {
        entries.put(v, new Entry(fetched.get(v).orElseThrow(), fetched.versionId(v).orElse(null), now));
      }
      entries.entrySet().removeIf(e -> !now.isBefore(e.getValue().fetchedAt().plus(lifetime)));
    }
    return new SecretValues(fresh, freshIds).with(fetched);
  }

  @Override
  public String toString() {
    return "SecretCache[" + entries.size() + " versions, lifetime " + lifetime + "]";
  }
}
