package dev.driftless.source;

import dev.driftless.secrets.SecretLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the source stage fetches and caches.
 *
 * @param cacheDir where bare repositories and checkouts live; reused across invocations of a warm container
 * @param maxBytes the bound on the cache's total size; least recently used entries are evicted past it
 * @param fetchTimeout JGit's timeout for each network operation (ls-remote, fetch): how long a connection
 *     may stay silent, not a bound on the whole transfer
 * @param shallow fetch with depth 1 where the server allows it
 * @param secrets the Secrets Manager layout: Git credentials live under its {@code git/}
 * @param localRepositories whether {@code file://} URLs and local paths may be fetched, and credentials sent over
 *     plain HTTP to this machine: only the local runner and tests set it
 */
public record SourceOptions(Path cacheDir, long maxBytes, Duration fetchTimeout, boolean shallow,
    SecretLayout secrets, boolean localRepositories) {

  public static final Path DEFAULT_CACHE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "driftless-git");
  /** Leaves room in Lambda's default 512 MB of /tmp for rendering. */
  public static final long DEFAULT_MAX_BYTES = 384L << 20;
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(60);

  public SourceOptions {
    cacheDir = cacheDir == null ? DEFAULT_CACHE_DIR : cacheDir;
    maxBytes = maxBytes <= 0 ? DEFAULT_MAX_BYTES : maxBytes;
    fetchTimeout = fetchTimeout == null || fetchTimeout.isZero() || fetchTimeout.isNegative()
        ? DEFAULT_FETCH_TIMEOUT : fetchTimeout;
    secrets = secrets == null ? SecretLayout.defaults() : secrets;
  }

  /**
   * The defaults: a 384 MiB cache under the temp dir (Lambda's /tmp), 60 s per network call, shallow, the default
   * secret layout, remote repositories only.
   */
  public static SourceOptions defaults() {
    return new SourceOptions(null, 0, null, true, null, false);
  }

  public SourceOptions withCacheDir(Path dir) {
    return new SourceOptions(Objects.requireNonNull(dir, "dir"), maxBytes, fetchTimeout, shallow, secrets,
        localRepositories);
  }

  public SourceOptions withMaxBytes(long bytes) {
    return new SourceOptions(cacheDir, bytes, fetchTimeout, shallow, secrets, localRepositories);
  }

  public SourceOptions withShallow(boolean on) {
    return new SourceOptions(cacheDir, maxBytes, fetchTimeout, on, secrets, localRepositories);
  }

  public SourceOptions withSecrets(SecretLayout layout) {
    return new SourceOptions(cacheDir, maxBytes, fetchTimeout, shallow, layout, localRepositories);
  }

  public SourceOptions withLocalRepositories(boolean allowed) {
    return new SourceOptions(cacheDir, maxBytes, fetchTimeout, shallow, secrets, allowed);
  }

  /** The rules for repositories and where credentials may be sent, from the layout and the local flag. */
  public RepositoryRules rules() {
    return new RepositoryRules(secrets, localRepositories);
  }

  /** The timeout in whole seconds, as JGit takes it (at least 1). */
  int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fetchTimeout.toSeconds()));
  }
}
