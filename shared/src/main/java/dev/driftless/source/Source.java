package dev.driftless.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.Application;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.RevisionResolver.Target;
import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The source stage: resolves an Application's revision with one ls-remote, fetches it shallowly into a
 * bare repository cached per URL, and hands out a checkout shared by every application on the same
 * repo@commit (concurrent callers share one fetch). Also computes the paths a push changed.
 *
 * <p>Every call lists the remote's refs with the caller's own credentials before the cache is consulted,
 * so a checkout fetched for one application is never handed to a caller the remote would refuse. Before any of
 * that, {@link RepositoryRules} decide whether the repository may be fetched and the credentials sent to it.
 *
 * <p>Build one per container and cache directory (it owns the directory: it clears the cache's scratch space
 * at start and keeps the recency order in memory); it is safe for concurrent use. A checkout stays on disk
 * until the cache needs its space for a newer one.
 */
public final class Source {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsClient secrets;
  private final SourceOptions options;
  private final RepositoryRules rules;
  private final GitCache cache;
  private final Fetcher fetcher;
  private final ChartRepository charts;
  private final OciSource oci;
  private final Map<Path, CompletableFuture<Checkout>> inFlight = new ConcurrentHashMap<>();

  public Source(SecretsClient secrets, SourceOptions options, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.options = Objects.requireNonNull(options, "options");
    this.rules = options.rules();
    this.cache = new GitCache(options.cacheDir(), options.maxBytes(), Objects.requireNonNull(clock, "clock"));
    this.fetcher = new Fetcher(options.shallow());
    this.charts = new ChartRepository(secrets, options, cache);
    this.oci = new OciSource(secrets, options, cache);
  }

  /**
   * Resolves the source's revision and returns a checkout of it, fetching only what the cache lacks. A chart
   * repository's checkout is the unpacked chart, its revision's {@code sha} the chart's version; an OCI source's is
   * the unpacked layer, its {@code sha} the manifest's digest.
   */
  public Checkout fetch(Application.Source source) {
    if (!source.isGit()) {
      Checkout unpacked = source.isOci() ? oci.fetch(source) : charts.fetch(source);
      cache.evict(p -> p.equals(unpacked.root()) || inFlight.containsKey(p));
      return unpacked;
    }
    String url = source.repoURL();
    try (RemoteAccess remote = remote(url, source.credentials())) {
      Target target = RevisionResolver.resolve(url, source.targetRevision(), remote.lsRemote());
      if (target.commit() == null) {
        String abbreviation = target.abbreviation();
        target = target.withCommit(withRepo(url, repo -> fetcher.expand(repo, remote, abbreviation)));
      }
      Path dir = cache.checkoutDir(url, target.commit().name());
      CompletableFuture<Checkout> mine = new CompletableFuture<>();
      CompletableFuture<Checkout> theirs = inFlight.putIfAbsent(dir, mine);
      if (theirs != null) {
        Revision shared = join(theirs).revision();
        return new Checkout(shared.asRequested(target.requested(), target.ref()), dir);
      }
      try {
        Checkout checkout = produce(remote, target, dir);
        mine.complete(checkout);
        cache.evict(inFlight::containsKey);
        return checkout;
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inFlight.remove(dir, mine);
      }
    }
  }

  /**
   * The commits {@code revisions} of one repository name now, from one ls-remote with {@code credentialsSecretId}
   * (nothing fetched). A revision that is an abbreviated SHA only a fetch can expand, or that names nothing, is
   * left out, with why in {@code problems}.
   */
  public Map<String, String> heads(String repoURL, String credentialsSecretId, Collection<String> revisions,
      Map<String, String> problems) {
    Map<String, String> out = new HashMap<>();
    try (RemoteAccess remote = remote(repoURL, credentialsSecretId)) {
      Collection<Ref> advertised = remote.lsRemote();
      for (String revision : revisions) {
        try {
          Target target = RevisionResolver.resolve(repoURL, revision, advertised);
          if (target.commit() != null) out.put(revision, target.commit().name());
          else problems.put(revision, "abbreviated revision " + revision + " needs a fetch to resolve");
        } catch (SourceException e) {
          problems.put(revision, e.getMessage());
        }
      }
    }
    return out;
  }

  /** The paths changed between two commits of a public repository. */
  public ChangedPaths changedPaths(String repoURL, String fromSha, String toSha) {
    return changedPaths(repoURL, null, fromSha, toSha);
  }

  /**
   * The paths changed between two commits, fetching either when the cache lacks it. Unknown when the older
   * commit is absent (all zeros for a new branch) or the remote no longer has it.
   */
  public ChangedPaths changedPaths(String repoURL, String credentialsSecretId, String fromSha, String toSha) {
    if (fromSha == null || !FULL_SHA.matcher(fromSha).matches() || fromSha.matches("0{40}")) {
      return ChangedPaths.unknown("no previous commit (" + fromSha + ")");
    }
    if (toSha == null || !FULL_SHA.matcher(toSha).matches()) {
      return ChangedPaths.unknown("not a commit SHA: " + toSha);
    }
    ObjectId from = ObjectId.fromString(fromSha.toLowerCase());
    ObjectId to = ObjectId.fromString(toSha.toLowerCase());
    if (from.equals(to)) {
      return ChangedPaths.of(Set.of());
    }
    rules.checkRepository(repoURL);
    return withRepo(repoURL, repo -> {
      if (!Fetcher.has(repo, from) || !Fetcher.has(repo, to)) {
        try (RemoteAccess remote = remote(repoURL, credentialsSecretId)) {
          if (!fetcher.tryEnsure(repo, remote, to)) {
            return ChangedPaths.unknown("commit " + to.name() + " is not in the repository");
          }
          if (!fetcher.tryEnsure(repo, remote, from)) {
            return ChangedPaths.unknown("commit " + from.name() + " is not in the repository");
          }
        }
      }
      return ChangedPaths.of(TreeDiff.between(repo, from, to));
    });
  }

  /**
   * True when {@code sha} is the tracked revision's commit or one of its ancestors: a commit that a push, a retry
   * or a continuation may deploy. A commit only on another ref (a fork's, a pull request's) or dropped by a force
   * push is not. Costs one ls-remote when {@code sha} is the head; otherwise the tracked ref's history is
   * fetched in full (once, into the cache) to walk it. A tracked revision that names a commit reaches only that
   * commit.
   */
  public boolean reachable(Application.Source tracked, String sha) {
    if (tracked.isOci()) {
      return sha != null && OciReference.DIGEST.matcher(sha).matches(); // the digest this operation fetched
    }
    if (tracked.isChart()) {
      return sha != null && ChartIndex.admits(tracked.targetRevision(), sha); // a version the range may pick
    }
    if (sha == null || !FULL_SHA.matcher(sha).matches()) {
      return false;
    }
    ObjectId commit = ObjectId.fromString(sha.toLowerCase());
    String url = tracked.repoURL();
    try (RemoteAccess remote = remote(url, tracked.credentials())) {
      Target target = RevisionResolver.resolve(url, tracked.targetRevision(), remote.lsRemote());
      if (target.commit() != null && target.commit().equals(commit)) {
        return true;
      }
      if (target.ref() == null || target.commit() == null) {
        return false; // a pinned commit (or an abbreviation) reaches only itself
      }
      return withRepo(url, repo -> fetcher.reaches(repo, remote, target.ref(), target.commit(), commit));
    }
  }

  /** The rules this source fetches by; the API checks a registration against the same ones. */
  public RepositoryRules rules() {
    return rules;
  }

  /** Access to the repository once the rules allow it, with credentials only where they may be sent. */
  private RemoteAccess remote(String url, String credentialsSecretId) {
    rules.checkRepository(url);
    rules.checkCredentialsName(url, credentialsSecretId);
    GitCredentials credentials = GitCredentials.load(secrets, credentialsSecretId, url);
    rules.checkMayBeSent(url, credentials);
    return new RemoteAccess(url, credentials, options.timeoutSeconds(), cache.scratch());
  }

  /** How many network fetches this instance has made (ls-remote not counted). */
  public long fetchCount() {
    return fetcher.fetches();
  }

  /** The cache's current size in bytes. */
  public long cacheBytes() {
    return cache.totalBytes();
  }

  private Checkout produce(RemoteAccess remote, Target target, Path dir) {
    Revision cached = readRevision(dir, target);
    if (cached != null) {
      cache.used(dir);
      return new Checkout(cached, dir);
    }
    return withRepo(remote.url(), repo -> {
      fetcher.ensure(repo, remote, target.ref(), target.commit());
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(target.commit());
        Path staging = Files.createTempDirectory(cache.scratch(), "checkout-");
        try {
          TreeExport.write(repo, commit, staging, remote.url());
          Revision revision = revisionOf(target, commit);
          writeRevision(dir, revision);
          move(staging, dir);
          cache.used(dir);
          return new Checkout(revision, dir);
        } finally {
          GitCache.delete(staging);
        }
      }
    });
  }

  private interface RepoWork<T> {
    T run(Repository repo) throws IOException;
  }

  /** Runs work on the URL's cached bare repository under its lock, recording its new size after. */
  private <T> T withRepo(String url, RepoWork<T> work) {
    Path dir = cache.repoDir(url);
    ReentrantLock lock = cache.repoLock(url);
    lock.lock();
    try (Repository repo = Fetcher.open(dir)) {
      return work.run(repo);
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "repository " + RemoteAccess.redact(url) + ": cache " + dir
          + ": " + e.getMessage(), e);
    } finally {
      if (Files.isDirectory(dir)) {
        cache.used(dir); // also after a failed fetch, so eviction can reclaim what it left
      }
      lock.unlock();
    }
  }

  private static Revision revisionOf(Target target, RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    return new Revision(target.requested(), target.ref(), commit.name(), author.getName(),
        author.getEmailAddress(), Instant.ofEpochSecond(commit.getCommitTime()), commit.getShortMessage());
  }

  private static void writeRevision(Path dir, Revision r) throws IOException {
    ObjectNode node = JSON.createObjectNode().put("sha", r.sha()).put("authorName", r.authorName())
        .put("authorEmail", r.authorEmail()).put("commitTime", r.commitTime().toString())
        .put("message", r.message());
    Files.writeString(GitCache.metaFile(dir), JSON.writeValueAsString(node));
  }

  /** The revision recorded beside a complete checkout, or null when there is none. */
  private static Revision readRevision(Path dir, Target target) {
    Path meta = GitCache.metaFile(dir);
    if (!Files.isDirectory(dir) || !Files.isRegularFile(meta)) {
      return null;
    }
    try {
      var n = JSON.readTree(meta.toFile());
      return new Revision(target.requested(), target.ref(), n.path("sha").asText(),
          n.path("authorName").asText(), n.path("authorEmail").asText(),
          Instant.parse(n.path("commitTime").asText()), n.path("message").asText());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void move(Path staging, Path dir) throws IOException {
    GitCache.delete(dir); // an incomplete leftover from a crash
    try {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, dir);
    }
  }

  private static Checkout join(CompletableFuture<Checkout> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
