package dev.driftless.render;

import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what kustomize or helm printed into desired objects, in the tool's own (stable) order; and turns what it
 * printed on failure into a message for people ({@link #errorText}).
 */
final class ToolOutput {

  /**
   * Kustomize reports a resource it could read neither as a file nor as a directory with both attempts' errors,
   * which for a missing path are the same sentence twice.
   */
  private static final Pattern BOTH_ATTEMPTS = Pattern.compile(
      "(?s)(.*)accumulation err='(.*)': must build at directory: (?:not a valid directory: )?(.*)");

  private ToolOutput() {}

  /**
   * What a tool printed on failure, as history and the CLI show it: its own {@code Error: } prefix dropped, paths
   * inside the repository checkout made relative to the repository, paths in the render's own directory (the
   * overlay written beside the checkout) shown as {@code <overlay>}, and kustomize's repeated sentence said once.
   * The checkout and cache directories are the deployment's internals, and the same for every repository.
   */
  static String errorText(String stderr, RepositoryPaths repo, Path renderHome) {
    String text = stderr.strip();
    if (text.startsWith("Error: ")) text = text.substring("Error: ".length());
    text = withoutPrefix(text, renderHome.resolve("overlay"), "<overlay>");
    text = withoutPrefix(text, renderHome, "<render>");
    text = withoutPrefix(text, repo.root(), "");
    Matcher m = BOTH_ATTEMPTS.matcher(text);
    if (m.matches() && m.group(2).endsWith(m.group(3))) {
      text = m.group(1) + m.group(2);
    }
    return text;
  }

  /** {@code dir/x} becomes {@code shown/x} ({@code x} when shown is empty), and {@code dir} itself {@code shown}. */
  private static String withoutPrefix(String text, Path dir, String shown) {
    String d = dir.toAbsolutePath().normalize().toString();
    String out = text.replace(d + "/", shown.isEmpty() ? "" : shown + "/");
    return out.replace(d, shown.isEmpty() ? "." : shown);
  }

  static List<DesiredObject> objects(String stdout, String origin, RenderOptions options) {
    ObjectCollector collector = new ObjectCollector(options);
    for (ManifestReader.Document doc : new ManifestReader(options).read(stdout, origin)) {
      collector.add(doc, origin);
    }
    return collector.objects();
  }
}
