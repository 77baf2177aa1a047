package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Brings commits into a cached bare repository, as cheaply as the server allows: the ref's tip at depth 1;
 * else the commit by id at depth 1 (servers allow it for reachable commits: always with protocol v2,
 * with {@code uploadpack.allowReachableSHA1InWant} for v0); else every branch and tag in full. Counts the
 * network fetches it makes.
 */
final class Fetcher {

  private static final String OURS = "refs/driftless/";
  private static final String HTTP = "http";
  private static final String FOLLOW_REDIRECTS = "followRedirects";

  private final boolean shallow;
  private final AtomicLong fetches = new AtomicLong();

  Fetcher(boolean shallow) {
    this.shallow = shallow;
  }

  long fetches() {
    return fetches.get();
  }

  /** Opens the bare repository at dir, creating it when absent. */
  static Repository open(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("HEAD"))) {
      try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
        git.getRepository().getConfig().setInt("gc", null, "auto", 0);
        git.getRepository().getConfig().save();
      } catch (GitAPIException e) {
        throw new IOException("cannot create " + dir, e);
      }
    }
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    StoredConfig config = repo.getConfig();
    if (!"false".equals(config.getString(HTTP, null, FOLLOW_REDIRECTS))) {
      refuseRedirects(config); // also in caches made before redirects were refused
      config.save();
    }
    return repo;
  }

  /**
   * Turns off JGit's redirect following: after a redirect JGit keeps the authentication it already sent and sends
   * it to the new location, which may be another host. A moved repository fails instead, naming the redirect.
   */
  static void refuseRedirects(Config config) {
    config.setString(HTTP, null, FOLLOW_REDIRECTS, "false");
  }

  /** Makes sure the commit is present, fetching the ref first when one is given; throws when it cannot. */
  void ensure(Repository repo, RemoteAccess remote, String ref, ObjectId commit) {
    if (has(repo, commit)) {
      return;
    }
    if (ref != null) {
      fetch(repo, remote, List.of(new RefSpec("+" + ref + ":" + OURS + "fetched/" + strip(ref))), true,
          "fetching " + ref);
      if (has(repo, commit)) {
        return;
      }
    }
    if (!fetchById(repo, remote, commit) && !fetchAll(repo, remote, commit)) {
      throw RevisionResolver.notFound(remote.url(), commit.name(), "the commit is not in the repository");
    }
  }

  /** True when the commit is, or could be made, present; false when the remote does not have it. */
  boolean tryEnsure(Repository repo, RemoteAccess remote, ObjectId commit) {
    return has(repo, commit) || fetchById(repo, remote, commit) || fetchAll(repo, remote, commit);
  }

  /**
   * True when {@code commit} is {@code head} or an ancestor of it: the ref's whole history is fetched (the cache
   * is unshallowed for it), so a commit absent after that is on no path to the head.
   */
  boolean reaches(Repository repo, RemoteAccess remote, String ref, ObjectId head, ObjectId commit) throws IOException {
    if (head.equals(commit)) {
      return true;
    }
    fetch(repo, remote, List.of(new RefSpec("+" + ref + ":" + OURS + "fetched/" + strip(ref))), false,
        "fetching the history of " + ref);
    if (!has(repo, commit) || !has(repo, head)) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(head));
    } catch (IncorrectObjectTypeException e) {
      return false; // not a commit
    }
  }

  /** Expands an abbreviated SHA after a full fetch; throws when it names no commit or several. */
  ObjectId expand(Repository repo, RemoteAccess remote, String abbreviation) {
    fetchAll(repo, remote, null);
    try (ObjectReader reader = repo.newObjectReader()) {
      Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(abbreviation));
      List<ObjectId> commits = new ArrayList<>();
      for (ObjectId id : ids) {
        if (reader.open(id).getType() == Constants.OBJ_COMMIT) {
          commits.add(id);
        }
      }
      if (commits.size() != 1) {
        throw RevisionResolver.notFound(remote.url(), abbreviation,
            commits.isEmpty() ? "no commit has that abbreviated SHA" : "the abbreviated SHA is ambiguous");
      }
      return commits.get(0);
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "repository " + RemoteAccess.redact(remote.url())
          + ": cannot read the cached repository", e);
    }
  }

  private boolean fetchById(Repository repo, RemoteAccess remote, ObjectId commit) {
    try {
      fetch(repo, remote, List.of(new RefSpec(commit.name() + ":" + OURS + "commits/" + commit.name())), true,
          "fetching commit " + commit.name());
    } catch (SourceException e) {
      if (e.failure() != Failure.TRANSPORT && e.failure() != Failure.REVISION_NOT_FOUND
          && e.failure() != Failure.NOT_FOUND) {
        throw e; // authentication, host key, timeout: a full fetch would fail the same way
      }
      return false; // the server refused the id (not reachable, or not allowed): try a full fetch
    }
    return has(repo, commit);
  }

  private boolean fetchAll(Repository repo, RemoteAccess remote, ObjectId commit) {
    fetch(repo, remote, List.of(new RefSpec("+refs/heads/*:" + OURS + "all/heads/*"),
        new RefSpec("+refs/tags/*:" + OURS + "all/tags/*")), false, "fetching all branches and tags");
    return commit == null || has(repo, commit);
  }

  private void fetch(Repository repo, RemoteAccess remote, List<RefSpec> specs, boolean mayBeShallow,
      String doing) {
    fetches.incrementAndGet();
    try (Git git = new Git(repo)) {
      FetchCommand cmd = remote.configure(git.fetch()).setRemote(remote.url()).setRefSpecs(specs)
          .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(false);
      if (mayBeShallow && shallow) {
        cmd.setDepth(1);
      } else if (!repo.getObjectDatabase().getShallowCommits().isEmpty()) {
        cmd.setUnshallow(true);
      }
      cmd.call();
    } catch (IOException e) {
      throw new SourceException(Failure.IO, "repository " + RemoteAccess.redact(remote.url())
          + ": cannot read the cached repository", e);
    } catch (Exception e) {
      throw remote.failure(e, doing);
    }
  }

  static boolean has(Repository repo, ObjectId id) {
    try {
      return repo.getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  private static String strip(String ref) {
    return ref.startsWith(Constants.R_REFS) ? ref.substring(Constants.R_REFS.length()) : ref;
  }
}
