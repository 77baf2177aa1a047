package dev.driftless.functions.webhook;

import dev.driftless.secrets.SecretsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secrets that verify callers (a repository's webhook secret, a cluster's audit webhook token), read from
 * Secrets Manager by name (the secret string, surrounding whitespace ignored) and kept per container: a found
 * secret for {@link WebhookOptions#secretLifetime()}, a missing one for {@link WebhookOptions#missingSecretLifetime()}.
 * Found and missing answers are kept apart, at most {@link WebhookOptions#secretCacheEntries()} names each, so a
 * flood of unknown names cannot push the known ones' secrets out. A lookup the cache cannot answer spends one of
 * {@link WebhookOptions#secretLookupsPerSecond()}; when they are spent the answer is {@link Lookup.Outcome#DEFERRED}
 * and Secrets Manager is not asked. The caller chooses the name a request is checked against, and nothing is
 * verified before its secret is known: these bounds keep such requests from costing a call each. A name Secrets
 * Manager cannot hold (characters outside {@code A-Za-z0-9/_+=.@-}, or over 512) has no secret and costs no call.
 * An empty secret counts as none: anyone could sign with it.
 */
public final class CallerSecrets {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  /** A caller's secret, or why there is none. No toString shows the value, so it can never reach a log. */
  public static final class Lookup {

    public enum Outcome {
      FOUND,
      /** Secrets Manager holds no (non-empty) secret of that name. */
      NONE,
      /** Not in the cache and the container's lookup budget is spent: Secrets Manager was not asked. */
      DEFERRED
    }

    static final Lookup NONE = new Lookup(Outcome.NONE, null);
    private static final Lookup DEFERRED = new Lookup(Outcome.DEFERRED, null);

    private final Outcome outcome;
    private final String value;

    private Lookup(Outcome outcome, String value) {
      this.outcome = outcome;
      this.value = value;
    }

    static Lookup of(String value) {
      return value == null ? NONE : new Lookup(Outcome.FOUND, value);
    }

    public Outcome outcome() {
      return outcome;
    }

    public Optional<String> secret() {
      return Optional.ofNullable(value);
    }

    @Override
    public String toString() {
      return outcome.name();
    }
  }

  /** A cached answer; no toString, so a value can never reach a log. */
  private static final class Entry {
    final Lookup lookup;
    final Instant until;

    Entry(Lookup lookup, Instant until) {
      this.lookup = lookup;
      this.until = until;
    }
  }

  private final SecretsClient client;
  private final Clock clock;
  private final WebhookOptions options;
  private final SecretLookupBudget budget;
  private final Map<String, Entry> found;
  private final Map<String, Entry> missing;

  public CallerSecrets(SecretsClient client, Clock clock, WebhookOptions options) {
    this.client = client;
    this.clock = clock;
    this.options = options;
    this.budget = new SecretLookupBudget(clock, options.secretLookupsPerSecond());
    this.found = lru(options.secretCacheEntries());
    this.missing = lru(options.secretCacheEntries());
  }

  /** The secret named {@code name} (null: no name), or why there is none; at most one Secrets Manager call. */
  public Lookup lookup(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Lookup.NONE;
    }
    Instant now = clock.instant();
    synchronized (this) {
      Entry e = found.get(name);
      if (e == null) e = missing.get(name);
      if (e != null && now.isBefore(e.until)) {
        return e.lookup;
      }
    }
    if (!budget.take()) {
      return Lookup.DEFERRED;
    }
    Lookup lookup = Lookup.of(client.secretString(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null));
    boolean isFound = lookup.outcome() == Lookup.Outcome.FOUND;
    Duration lifetime = isFound ? options.secretLifetime() : options.missingSecretLifetime();
    synchronized (this) {
      found.remove(name);
      missing.remove(name);
      (isFound ? found : missing).put(name, new Entry(lookup, now.plus(lifetime)));
    }
    return lookup;
  }

  private static Map<String, Entry> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > max;
      }
    };
  }
}
