package dev.driftless.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository the tests write commits, branches and tags into, as a remote to fetch from. */
public final class TestRepo implements AutoCloseable {

  static final PersonIdent AUTHOR = new PersonIdent("Ada Lovelace", "ada@example.com",
      Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private final Git git;
  private final Path dir;
  private int clock;
  private Instant start = AUTHOR.getWhenAsInstant();

  private TestRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  public static TestRepo create(Path dir) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      git.getRepository().getConfig().setBoolean("uploadpack", null, "allowReachableSHA1InWant", true);
      git.getRepository().getConfig().setBoolean("http", null, "receivepack", false);
      git.getRepository().getConfig().save();
      return new TestRepo(git, dir);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void setConfig(String section, String name, boolean value) throws IOException {
    git.getRepository().getConfig().setBoolean(section, null, name, value);
    git.getRepository().getConfig().save();
  }

  public Path dir() {
    return dir;
  }

  public String fileUrl() {
    return dir.toUri().toString();
  }

  /** Path, content pairs; a null content deletes the path. */
  public static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }

  /**
   * Later commits are dated from {@code first}, a minute apart, instead of from a fixed day: for pages that show a
   * commit's age (the commits' ids then differ from run to run).
   */
  public TestRepo datedFrom(Instant first) {
    this.start = first;
    this.clock = 0;
    return this;
  }

  /** Writes the files (null content deletes), stages everything and commits on the current branch. */
  public RevCommit commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        if (f.getValue() == null) {
          Files.delete(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue());
        }
      }
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent when = new PersonIdent(AUTHOR, start.plusSeconds(60L * clock++));
      return git.commit().setMessage(message).setAuthor(when).setCommitter(when).setSign(false).call();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commits a symlink (made by the test, so it can point anywhere). */
  RevCommit commitSymlink(String path, String target, String message) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
      return commit(message, Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void branch(String name, RevCommit at) {
    try {
      git.branchCreate().setName(name).setStartPoint(at).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public void checkout(String branch) {
    try {
      git.checkout().setName(branch).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  void tag(String name, RevCommit at, boolean annotated) {
    try {
      if (annotated) {
        git.tag().setName(name).setObjectId(at).setAnnotated(true).setTagger(AUTHOR)
            .setMessage("release " + name).setSigned(false).call();
      } else {
        git.tag().setName(name).setObjectId(at).setAnnotated(false).call();
      }
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves a branch back (or anywhere), as a force push does. */
  public void resetHard(String branch, RevCommit to) {
    ref("refs/heads/" + branch, to);
  }

  /** Points any ref (e.g. {@code refs/pull/1/head}) at a commit. */
  public void ref(String name, RevCommit at) {
    try {
      RefUpdate u = git.getRepository().updateRef(name);
      u.setNewObjectId(at);
      u.setForceUpdate(true);
      u.update();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
