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

  /**
   * The values of the versions, from the cache where fresh and from the client (once, batched) otherwise. With
   * {@code revalidate}, a cached value of a version that can rotate (named by no version id) is kept only when its
   * stage still points at the version id it was read at (one id lookup per secret, never a value read): a reconcile
   * queued because a scan saw a secret rotate must apply the new value, not wait out the cache.
   */
  SecretValues fetch(Collection<SecretVersion> versions, SecretsClient client, boolean revalidate) {
    Instant now = clock.instant();
    Map<SecretVersion, Entry> cached = new LinkedHashMap<>();
    for (SecretVersion v : versions) {
      Entry e = entries.get(v);
      if (e != null && now.isBefore(e.fetchedAt().plus(lifetime))) cached.put(v, e);
    }
    if (revalidate) cached.keySet().removeAll(rotated(cached, client));
    Map<SecretVersion, String> fresh = new LinkedHashMap<>();
    Map<SecretVersion, String> freshIds = new LinkedHashMap<>();
    Set<SecretVersion> missing = new LinkedHashSet<>();
    for (SecretVersion v : versions) {
      Entry e = cached.get(v);
      if (e != null) {
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

  /** The cached versions that can rotate whose stage points at another version id now, or cannot be told. */
  private static Set<SecretVersion> rotated(Map<SecretVersion, Entry> cached, SecretsClient client) {
    Set<SecretVersion> rotatable = new LinkedHashSet<>();
    cached.keySet().stream().filter(v -> v.versionId() == null).forEach(rotatable::add);
    if (rotatable.isEmpty()) return rotatable;
    Map<SecretVersion, String> now = client.currentVersionIds(rotatable);
    rotatable.removeIf(v -> cached.get(v).versionId() != null && cached.get(v).versionId().equals(now.get(v)));
    return rotatable;
  }

  @Override
  public String toString() {
    return "SecretCache[" + entries.size() + " versions, lifetime " + lifetime + "]";
  }
}
