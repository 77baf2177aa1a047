package dev.driftless.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.Application;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches a chart from a Helm chart repository: reads {@code index.yaml} (every call, with the caller's own
 * credentials, so a chart cached for one Application is never handed to a caller the repository would refuse),
 * picks the version {@code targetRevision} names, downloads the archive once per repository, chart, version and
 * digest into the source cache, checks its sha256 against the index, and unpacks it.
 *
 * <p>Where the archive may come from: a URL on the repository's own host (relative URLs resolve there), with the
 * credential when the credential's {@code urls} cover it; or a URL on another host (a CDN, a release page) only
 * when the index gives the archive's digest, and then without the credential, as helm does unless told to pass
 * credentials. The digest ties that archive to the index the credential fetched.
 */
final class ChartRepository {

  static final long MAX_INDEX_BYTES = 64L << 20;
  static final long MAX_ARCHIVE_BYTES = 20L << 20;
  static final long MAX_UNPACKED_BYTES = 100L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsClient secrets;
  private final RepositoryRules rules;
  private final GitCache cache;
  private final HttpDownload http;

  ChartRepository(SecretsClient secrets, SourceOptions options, GitCache cache) {
    this.secrets = secrets;
    this.rules = options.rules();
    this.cache = cache;
    this.http = new HttpDownload(rules, options.fetchTimeout());
  }

  Checkout fetch(Application.Source source) {
    String repo = source.repoURL().replaceAll("/+$", "");
    String what = "chart repository " + RemoteAccess.redact(repo) + ": chart " + source.chart();
    GitCredentials credentials = RepositoryCredentials.load(secrets, rules, repo, source.credentials(),
        "chart repository " + RemoteAccess.redact(repo));
    byte[] index = http.get(repo + "/index.yaml", credentials, MAX_INDEX_BYTES, what + ": index.yaml");
    ChartIndex.Entry entry = ChartIndex.pick(index, source.chart(), source.targetRevision(), what);
    String at = what + " " + entry.version();
    String key = "chart " + repo + " " + source.chart();
    Path dir = cache.checkoutDir(key, GitCache.key(entry.version() + " " + entry.digest()));
    ReentrantLock lock = cache.repoLock(key);
    lock.lock();
    try {
      Revision revision = revision(source, entry);
      if (!Files.isDirectory(dir) || !Files.isRegularFile(GitCache.metaFile(dir))) {
        produce(repo, credentials, entry, dir, at);
        Files.writeString(GitCache.metaFile(dir), JSON.writeValueAsString(meta(entry)));
      }
      cache.used(dir);
      return new Checkout(revision, dir);
    } catch (IOException e) {
      throw new SourceException(Failure.IO, at + ": cache " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** A chart's revision: its version stands where a Git source's commit does (status, history, rollbacks). */
  private static Revision revision(Application.Source source, ChartIndex.Entry entry) {
    return new Revision(source.targetRevision(), null, entry.version(), "", "", entry.created(),
        "chart " + source.chart() + " " + entry.version()
            + (entry.digest() == null ? "" : " (sha256:" + entry.digest().substring(0, 12) + ")"));
  }

  private static ObjectNode meta(ChartIndex.Entry entry) {
    return JSON.createObjectNode().put("version", entry.version()).put("digest", entry.digest())
        .put("created", entry.created().toString());
  }

  private void produce(String repo, GitCredentials credentials, ChartIndex.Entry entry, Path dir, String what)
      throws IOException {
    String url = archiveUrl(repo, entry, what);
    boolean sameHost = sameHost(repo, url);
    byte[] archive = http.get(url, sameHost ? credentials : new GitCredentials.None(), MAX_ARCHIVE_BYTES,
        what + ": " + RemoteAccess.redact(url));
    if (entry.digest() != null && !entry.digest().equals(sha256(archive))) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the archive at " + RemoteAccess.redact(url)
          + " does not match the index's digest sha256:" + entry.digest());
    }
    Path staging = Files.createTempDirectory(cache.scratch(), "chart-");
    try {
      TarGzArchive.unpack(archive, staging, MAX_UNPACKED_BYTES, what);
      Path chartDir = chartDirectory(staging, what);
      GitCache.delete(dir);
      try {
        Files.move(chartDir, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(chartDir, dir);
      }
    } finally {
      GitCache.delete(staging);
    }
  }

  /**
   * The archive's URL: the index's first, resolved against the repository. Another host's (or another scheme's)
   * only with a digest in the index.
   */
  private String archiveUrl(String repo, ChartIndex.Entry entry, String what) {
    String url;
    try {
      url = URI.create(repo + "/").resolve(entry.urls().get(0).strip()).toString();
    } catch (IllegalArgumentException e) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the index's URL is unreadable");
    }
    RepositoryUrl parsed = RepositoryUrl.parse(url);
    if (parsed.transport() != RepositoryUrl.Transport.HTTPS && parsed.transport() != RepositoryUrl.Transport.HTTP) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the index's URL " + RemoteAccess.redact(url)
          + " is not http(s)");
    }
    if (!sameHost(repo, url) && entry.digest() == null) {
      throw new SourceException(Failure.REFUSED, what + ": refused: the archive is on another host ("
          + RemoteAccess.redact(url) + ") and the index gives no digest to check it by");
    }
    return url;
  }

  /** Same transport, host and port. */
  private static boolean sameHost(String a, String b) {
    RepositoryUrl x = RepositoryUrl.parse(a);
    RepositoryUrl y = RepositoryUrl.parse(b);
    return x.transport() == y.transport() && x.host() != null && x.host().equals(y.host()) && x.port() == y.port();
  }

  /** The archive's one top-level directory holding Chart.yaml, as {@code helm package} writes it. */
  static Path chartDirectory(Path staging, String what) throws IOException {
    try (var entries = Files.list(staging)) {
      var dirs = entries.filter(Files::isDirectory).toList();
      if (dirs.size() != 1 || !Files.isRegularFile(dirs.get(0).resolve("Chart.yaml"))) {
        throw new SourceException(Failure.REFUSED, what + ": refused: the archive does not hold one chart directory"
            + " with a Chart.yaml");
      }
      return dirs.get(0);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
