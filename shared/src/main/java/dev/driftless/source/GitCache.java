package dev.driftless.source;

import dev.driftless.source.SourceException.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;

/**
 * The on-disk cache: one bare repository per remote URL ({@code repos/<hash of url>.git}) and one checkout
 * per commit ({@code checkouts/<hash of url>-<sha>}, with its revision in a {@code .json} beside it). It lives
 * as long as the container's disk (Lambda: a warm container's /tmp); its total size is bounded and least
 * recently used entries are evicted first. Entries found on disk at start are ordered by modification time.
 */
final class GitCache {

  private record Entry(long bytes, long lastUsed) {}

  private final Path root;
  private final long maxBytes;
  private final Clock clock;
  private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> repoLocks = new ConcurrentHashMap<>();
  private long useCounter;

  GitCache(Path root, long maxBytes, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    this.clock = clock;
    try {
      Files.createDirectories(repos());
      Files.createDirectories(checkouts());
      FileUtils.delete(scratch().toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS | FileUtils.SKIP_MISSING);
      Files.createDirectories(scratch());
      loadExisting();
    } catch (IOException | UncheckedIOException e) {
      throw new SourceException(Failure.IO, "git cache " + this.root + ": cannot prepare", e);
    }
  }

  /** The stable key of a remote URL: the first 24 hex digits of its SHA-256. */
  static String key(String url) {
    String normal = url.strip().replaceAll("/+$", "");
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Path repoDir(String url) {
    return repos().resolve(key(url) + ".git");
  }

  Path checkoutDir(String url, String sha) {
    return checkouts().resolve(key(url) + "-" + sha);
  }

  /** Where a checkout's revision is recorded. */
  static Path metaFile(Path checkoutDir) {
    return checkoutDir.resolveSibling(checkoutDir.getFileName() + ".json");
  }

  /** A directory for work in progress (staging checkouts, SSH homes); emptied at start. */
  Path scratch() {
    return root.resolve("tmp");
  }

  /** The lock that serialises fetches into, and eviction of, one repository. */
  ReentrantLock repoLock(String url) {
    return repoLocks.computeIfAbsent(key(url), k -> new ReentrantLock());
  }

  /** Records a use of an entry (a repo after a fetch, a checkout when produced or reused): size and recency. */
  synchronized void used(Path entry) {
    entries.put(entry, new Entry(sizeOf(entry), ++useCounter));
    try {
      Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
    } catch (IOException e) {
      // recency on disk only matters after a restart; the in-memory order stands
    }
  }

  synchronized long totalBytes() {
    return entries.values().stream().mapToLong(Entry::bytes).sum();
  }

  /**
   * Evicts least recently used entries until the cache fits its bound, skipping busy ones (a checkout being
   * produced or handed out right now, a repository whose lock another thread holds). Returns what it removed.
   */
  synchronized List<Path> evict(Predicate<Path> busy) {
    long total = totalBytes();
    List<Path> removed = new ArrayList<>();
    if (total <= maxBytes) {
      return removed;
    }
    List<Map.Entry<Path, Entry>> byAge = new ArrayList<>(entries.entrySet());
    byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsed()));
    for (Map.Entry<Path, Entry> e : byAge) {
      if (total <= maxBytes) {
        break;
      }
      Path p = e.getKey();
      if (busy.test(p)) {
        continue;
      }
      boolean isRepo = p.getParent().equals(repos());
      ReentrantLock lock = isRepo ? repoLocks.get(p.getFileName().toString().replace(".git", "")) : null;
      if (lock != null && !lock.tryLock()) {
        continue;
      }
      try {
        delete(p);
        if (!isRepo) {
          Files.deleteIfExists(metaFile(p));
        }
        entries.remove(p);
        total -= e.getValue().bytes();
        removed.add(p);
      } catch (IOException ex) {
        // left for the next eviction; the cache may stay over its bound until then
      } finally {
        if (lock != null) {
          lock.unlock();
        }
      }
    }
    return removed;
  }

  static void delete(Path dir) throws IOException {
    FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
  }

  private Path repos() {
    return root.resolve("repos");
  }

  private Path checkouts() {
    return root.resolve("checkouts");
  }

  private void loadExisting() throws IOException {
    record Found(Path path, long bytes, long modified) {}
    List<Found> found = new ArrayList<>();
    for (Path dir : List.of(repos(), checkouts())) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.filter(Files::isDirectory).toList()) {
          if (dir.equals(checkouts()) && !Files.isRegularFile(metaFile(p))) {
            delete(p); // a checkout without its revision record is incomplete
            continue;
          }
          found.add(new Found(p, sizeOf(p), Files.getLastModifiedTime(p).toMillis()));
        }
      }
    }
    found.sort(Comparator.comparingLong(Found::modified));
    for (Found f : found) {
      entries.put(f.path(), new Entry(f.bytes(), ++useCounter));
    }
  }

  static long sizeOf(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          total[0] += attrs.isRegularFile() ? attrs.size() : 0;
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total[0];
  }
}
