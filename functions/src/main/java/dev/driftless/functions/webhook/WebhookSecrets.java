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
 * Each repository's webhook secret, read from Secrets Manager at {@code <prefix><normalized repository>}, and each
 * project's own, at {@code <prefix>projects/<project>/<normalized repository>} ({@link WebhookScope}; the secret
 * string, surrounding whitespace ignored), kept per container: a found secret for
 * {@link WebhookOptions#secretLifetime()}, a missing one for {@link WebhookOptions#missingSecretLifetime()}.
 * Found and missing answers are kept apart, at most {@link WebhookOptions#secretCacheEntries()} repositories
 * each, so a flood of unknown repositories cannot push the known ones' secrets out. A lookup the cache cannot
 * answer spends one of {@link WebhookOptions#secretLookupsPerSecond()}; when they are spent the answer is
 * {@link Lookup.Outcome#DEFERRED} and Secrets Manager is not asked. A name Secrets Manager cannot hold
 * (characters outside {@code A-Za-z0-9/_+=.@-}, or over 512) has no secret and costs no call. An empty secret
 * counts as none: anyone could sign with it.
 */
public final class WebhookSecrets {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  /** A repository's secret, or why there is none. No toString shows the value, so it can never reach a log. */
  public static final class Lookup {

    public enum Outcome {
      FOUND,
      /** Secrets Manager holds no (non-empty) secret for the repository. */
      NONE,
      /** Not in the cache and the container's lookup budget is spent: Secrets Manager was not asked. */
      DEFERRED
    }

    private static final Lookup NONE = new Lookup(Outcome.NONE, null);
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

  public WebhookSecrets(SecretsClient client, Clock clock, WebhookOptions options) {
    this.client = client;
    this.clock = clock;
    this.options = options;
    this.budget = new SecretLookupBudget(clock, options.secretLookupsPerSecond());
    this.found = lru(options.secretCacheEntries());
    this.missing = lru(options.secretCacheEntries());
  }

  /** The Secrets Manager name of a repository's webhook secret. */
  public static String secretName(String prefix, String normalizedRepo) {
    return prefix + normalizedRepo;
  }

  /** The Secrets Manager name of a project's own webhook secret for a repository. */
  public static String projectSecretName(String prefix, String project, String normalizedRepo) {
    return prefix + WebhookScope.PROJECTS + project + "/" + normalizedRepo;
  }

  /** The secret of the repository in the scope, or why there is none; at most one Secrets Manager call. */
  public Lookup secretFor(WebhookScope scope, String normalizedRepo) {
    String name = scope.secretName(options.secretPrefix(), normalizedRepo);
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
