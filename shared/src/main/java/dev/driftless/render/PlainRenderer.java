package dev.driftless.render;

import dev.driftless.model.DesiredObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Plain manifests: every {@code .yaml}, {@code .yml} and {@code .json} file below the application path,
 * recursively, in sorted relative-path order, documents in file order. Directories whose name starts with a
 * dot ({@code .git}, {@code .github}) are skipped: they hold tooling, not manifests.
 */
final class PlainRenderer {

  private PlainRenderer() {}

  static List<DesiredObject> render(RepositoryPaths repo, Path dir, RenderOptions options) {
    List<Path> files = manifestFiles(repo, dir);
    long total = 0;
    for (Path f : files) {
      total += size(repo, f);
      if (total > options.maxRenderBytes()) {
        throw new RenderException("application path " + repo.relative(dir) + ": refused: the manifests are larger than the render limit of "
            + options.maxRenderBytes() + " bytes (at " + repo.relative(f) + ")");
      }
    }
    ManifestReader reader = new ManifestReader(options);
    ObjectCollector collector = new ObjectCollector(options);
    for (Path f : files) {
      String origin = repo.relative(f);
      Path real = repo.realInside(f, "file " + origin);
      for (ManifestReader.Document doc : reader.read(readUtf8(real, origin), origin)) {
        collector.add(doc, origin);
      }
    }
    return collector.objects();
  }

  private static List<Path> manifestFiles(RepositoryPaths repo, Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all
          .filter(p -> !hiddenBelow(dir, p))
          .filter(p -> isManifestName(p.getFileName().toString()))
          .filter(p -> Files.isRegularFile(p))
          .sorted((a, b) -> repo.relative(a).compareTo(repo.relative(b)))
          .toList();
    } catch (IOException e) {
      throw new RenderException(repo.relative(dir) + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  private static boolean hiddenBelow(Path dir, Path p) {
    Path rel = dir.relativize(p);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static boolean isManifestName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static long size(RepositoryPaths repo, Path f) {
    try {
      return Files.size(repo.realInside(f, "file " + repo.relative(f)));
    } catch (IOException e) {
      throw new RenderException("file " + repo.relative(f) + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static String readUtf8(Path f, String origin) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
    } catch (CharacterCodingException e) {
      throw new RenderException(origin + ": not UTF-8 text");
    } catch (IOException e) {
      throw new RenderException(origin + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
