package dev.driftless.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a YAML (or JSON) stream into its non-empty documents with SnakeYAML, hardened against hostile input:
 * few aliases to collections, a code point limit per document, a nesting depth limit, no duplicate keys, no
 * recursive structures, and the size of each document measured after expanding aliases (so that a small
 * "billion laughs" that stays under the alias limit is still refused).
 *
 * <p>Timestamps stay strings, as Kubernetes's own YAML decoding leaves them.
 */
final class ManifestReader {

  /** One parsed document: where it came from, its 1-based position in the stream, its body. */
  record Document(String origin, int index, Object body, long size) {
    String where() {
      return origin + " document " + index;
    }
  }

  private final RenderOptions options;

  ManifestReader(RenderOptions options) {
    this.options = options;
  }

  List<Document> read(String text, String origin) {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(options.maxAliases());
    lo.setAllowRecursiveKeys(false);
    lo.setAllowDuplicateKeys(false);
    lo.setNestingDepthLimit(options.maxNestingDepth());
    lo.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, options.maxDocumentBytes()));
    Yaml yaml = new Yaml(new StringTimestamps(lo), new Representer(new DumperOptions()), new DumperOptions(), lo);
    List<Document> docs = new ArrayList<>();
    int index = 0;
    try {
      Iterator<Object> it = yaml.loadAll(text).iterator();
      while (true) {
        index++;
        if (!it.hasNext()) {
          break;
        }
        Object body = it.next();
        if (body == null) {
          continue;
        }
        long size = measure(body, 0, origin, index);
        docs.add(new Document(origin, index, body, size));
      }
    } catch (MarkedYAMLException e) {
      throw new RenderException(origin + " document " + index + ": not valid YAML: " + e.getProblem()
          + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1)));
    } catch (YAMLException e) {
      throw new RenderException(origin + " document " + index + ": " + explain(e.getMessage()));
    }
    return docs;
  }

  private String explain(String message) {
    String m = message == null ? "" : message;
    if (m.contains("Number of aliases")) {
      return "refused: more than " + options.maxAliases() + " aliases to collections (a YAML alias bomb?)";
    }
    if (m.contains("exceeds the limit")) {
      return "refused: larger than the limit of " + options.maxDocumentBytes() + " bytes per document";
    }
    if (m.contains("Nesting Depth")) {
      return "refused: nested deeper than " + options.maxNestingDepth() + " levels";
    }
    return "not valid YAML: " + m;
  }

  /**
   * The document's size as JSON would spell it, aliases expanded; refuses it past the per-document limit or
   * the nesting limit (which also catches recursive structures).
   */
  private long measure(Object root, int depth0, String origin, int index) {
    long[] size = {0};
    walk(root, depth0, size, origin, index);
    return size[0];
  }

  private void walk(Object node, int depth, long[] size, String origin, int index) {
    if (depth > options.maxNestingDepth()) {
      throw new RenderException(origin + " document " + index + ": refused: nested deeper than "
          + options.maxNestingDepth() + " levels (or recursive)");
    }
    if (node instanceof Map<?, ?> map) {
      size[0] += 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size[0] += String.valueOf(e.getKey()).length() + 4;
        walk(e.getValue(), depth + 1, size, origin, index);
      }
    } else if (node instanceof List<?> list) {
      size[0] += 2;
      for (Object item : list) {
        size[0] += 1;
        walk(item, depth + 1, size, origin, index);
      }
    } else if (node instanceof byte[] bytes) {
      size[0] += bytes.length * 4L / 3 + 4;
    } else {
      size[0] += String.valueOf(node).length() + 2;
    }
    if (size[0] > options.maxDocumentBytes()) {
      throw new RenderException(origin + " document " + index + ": refused: larger than the limit of "
          + options.maxDocumentBytes() + " bytes per document (aliases expanded)");
    }
  }

  /** SnakeYAML's safe constructor, but timestamps are read as the strings they are written as. */
  private static final class StringTimestamps extends SafeConstructor {
    StringTimestamps(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }
}
