package dev.driftless.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard's page files, read from a folder of the classpath ({@code dashboard/} in the CLI jar): {@code /}
 * is its {@code index.html}. Only plain file names with a known extension are looked up, so nothing else on the
 * classpath (classes, other resources) can be read through it.
 */
final class StaticFiles {

  /** One file: its content type and bytes. */
  record File(String contentType, byte[] bytes) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json");

  private final String folder;
  private final ClassLoader loader;

  /** {@code folder}: a classpath folder without slashes around it, as {@code dashboard}. */
  StaticFiles(String folder) {
    this.folder = folder;
    this.loader = StaticFiles.class.getClassLoader();
  }

  /**
   * The file at these decoded path segments, or null when there is none (or the name is not a page file's). The
   * pages' own addresses without their hash ({@code /applications}, {@code /applications/<name>}, {@code /clusters},
   * as a commit status links to an Application) are {@code index.html}, whose router reads them.
   */
  File read(List<String> segments) throws IOException {
    List<String> path = segments.isEmpty() || page(segments) ? List.of("index.html") : segments;
    if (!path.stream().allMatch(s -> NAME.matcher(s).matches())) return null;
    String last = path.get(path.size() - 1);
    int dot = last.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(last.substring(dot + 1));
    if (type == null) return null;
    try (InputStream in = loader.getResourceAsStream(folder + "/" + String.join("/", path))) {
      return in == null ? null : new File(type, in.readAllBytes());
    }
  }

  private static boolean page(List<String> segments) {
    String first = segments.get(0);
    return first.equals("applications") && segments.size() <= 2 || first.equals("clusters") && segments.size() == 1;
  }
}
