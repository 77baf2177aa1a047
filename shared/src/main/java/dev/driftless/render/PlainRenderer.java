package dev.driftless.render;

import dev.driftless.glob.Glob;
import dev.driftless.model.Application;
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
 * Plain manifests, Argo CD's directory source: every {@code .yaml}, {@code .yml} and {@code .json} file at the
 * application path (and below it unless {@code directory.recurse} is false), in sorted relative-path order,
 * documents in file order, and what each {@code .jsonnet} file evaluates to. {@code directory.include} and
 * {@code exclude} filter the files by their path relative to the application path, exclude winning. Directories
 * whose name starts with a dot ({@code .git}, {@code .github}) are skipped: they hold tooling, not manifests.
 *
 * <p>A path with no manifest file at all is refused unless the Application allows an empty sync, and a
 * {@code .jsonnet} file that evaluates to no object is always refused: either would otherwise deploy nothing, and
 * report it as in sync.
 */
final class PlainRenderer {

  private static final String JSONNET = ".jsonnet";

  private PlainRenderer() {}

  static List<DesiredObject> render(RepositoryPaths repo, Path dir, Application app, RenderOptions options) {
    Application.Directory directory = app.source().directory();
    List<Path> files = manifestFiles(repo, dir, directory);
    if (files.isEmpty() && !app.syncPolicy().allowEmpty()) {
      throw new RenderException("rendered no objects from " + repo.relative(dir) + ": no manifest files ("
          + "*.yaml, *.yml, *.json, *.jsonnet" + (directory.include() != null || directory.exclude() != null
          ? " matching spec.source.directory include and exclude" : "") + ")");
    }
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
    boolean jsonnet = files.stream().anyMatch(PlainRenderer::isJsonnet);
    try (ToolHome home = jsonnet ? ToolHome.create(repo.relative(dir)) : null) {
      for (Path f : files) {
        String origin = repo.relative(f);
        Path real = repo.realInside(f, "file " + origin);
        if (isJsonnet(f)) {
          addJsonnet(repo, real, directory.jsonnet(), options, home, reader, collector);
        } else {
          for (ManifestReader.Document doc : reader.read(readUtf8(real, origin), origin)) {
            collector.add(doc, origin);
          }
        }
      }
    }
    return collector.objects();
  }

  private static void addJsonnet(RepositoryPaths repo, Path file, Application.Jsonnet jsonnet, RenderOptions options,
      ToolHome home, ManifestReader reader, ObjectCollector collector) {
    String origin = repo.relative(file);
    int before = collector.count();
    String json = JsonnetEvaluator.evaluate(repo, file, jsonnet, options, home);
    for (ManifestReader.Document doc : reader.read(json, origin)) {
      collector.addNested(doc, origin);
    }
    if (collector.count() == before) {
      throw new RenderException("rendered no objects from " + origin + ": the Jsonnet evaluated to no Kubernetes"
          + " object");
    }
  }

  private static List<Path> manifestFiles(RepositoryPaths repo, Path dir, Application.Directory directory) {
    try (Stream<Path> all = Files.walk(dir, directory.recurse() ? Integer.MAX_VALUE : 1)) {
      return all
          .filter(p -> !hiddenBelow(dir, p))
          .filter(p -> isManifestName(p.getFileName().toString()))
          .filter(p -> selected(directory, dir.relativize(p).toString().replace('\\', '/')))
          .filter(p -> Files.isRegularFile(p))
          .sorted((a, b) -> repo.relative(a).compareTo(repo.relative(b)))
          .toList();
    } catch (IOException e) {
      throw new RenderException(repo.relative(dir) + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /** Argo CD's filter: a match of {@code exclude} drops the file, and {@code include}, when set, must match. */
  private static boolean selected(Application.Directory directory, String relative) {
    if (directory.exclude() != null && Glob.matches(directory.exclude(), relative)) {
      return false;
    }
    return directory.include() == null || Glob.matches(directory.include(), relative);
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
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(JSONNET);
  }

  private static boolean isJsonnet(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(JSONNET);
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
