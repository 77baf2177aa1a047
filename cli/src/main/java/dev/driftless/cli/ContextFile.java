package dev.driftless.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes {@code ~/.config/driftless/contexts.yaml}:
 * <pre>
 * current: prod
 * contexts:
 *   prod: {server: https://abc.lambda-url.eu-west-1.on.aws}
 *   local: {server: http://127.0.0.1:8080, region: eu-west-1}
 * </pre>
 * Written whole to a temporary file beside it, then moved over it, so a reader never sees half a file; only
 * its owner may read it (0600, in a 0700 directory when it creates one).
 */
final class ContextFile {

  static final String PATH = ".config/driftless/contexts.yaml";
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ContextFile() {}

  static Contexts read(Path home) {
    Path file = home.resolve(PATH);
    if (!Files.isRegularFile(file)) return Contexts.NONE;
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (JacksonException e) {
      throw invalid("is not YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CliException("cannot read ~/" + PATH + ": " + e.getMessage(), 2);
    }
    if (root == null || root.isMissingNode() || root.isNull()) return Contexts.NONE;
    if (!root.isObject()) throw invalid("must be a mapping with current and contexts");
    JsonNode all = root.path("contexts");
    if (!all.isMissingNode() && !all.isNull() && !all.isObject()) {
      throw invalid("contexts must be a mapping of names to {server, region}");
    }
    SortedMap<String, Contexts.Context> contexts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "contexts." + e.getKey();
      if (!e.getValue().isObject()) throw invalid(field + " must be a mapping with server and region");
      String server = text(e.getValue(), "server", field);
      if (server == null) throw invalid(field + ".server is missing");
      contexts.put(e.getKey(), new Contexts.Context(server, text(e.getValue(), "region", field)));
    }
    String current = text(root, "current", null);
    if (current != null && !contexts.containsKey(current)) {
      throw invalid("current names " + current + ", which is not among the contexts");
    }
    return new Contexts(current, contexts);
  }

  static void write(Path home, Contexts contexts) {
    Path file = home.resolve(PATH);
    ObjectNode root = YAML.createObjectNode();
    if (contexts.current() != null) root.put("current", contexts.current());
    ObjectNode all = root.putObject("contexts");
    contexts.contexts().forEach((name, c) -> {
      ObjectNode n = all.putObject(name).put("server", c.server());
      if (c.region() != null) n.put("region", c.region());
    });
    try {
      Files.createDirectories(file.getParent(), ownerOnly("rwx------"));
      Path tmp = Files.createTempFile(file.getParent(), ".contexts-", ".yaml", ownerOnly("rw-------"));
      try {
        Files.writeString(tmp, YAML.writeValueAsString(root));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException("cannot write ~/" + PATH + ": " + e.getMessage(), Main.FAILED);
    }
  }

  private static FileAttribute<?>[] ownerOnly(String permissions) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
        : new FileAttribute<?>[0];
  }

  /** The string at {@code key}, or null; {@code parent} names where it is in messages. */
  private static String text(JsonNode node, String key, String parent) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) return null;
    if (!v.isTextual() || v.asText().isBlank()) {
      throw invalid((parent == null ? key : parent + "." + key) + " must be a non-empty string");
    }
    return v.asText().strip();
  }

  private static CliException invalid(String what) {
    return new CliException("~/" + PATH + ": " + what, 2);
  }
}
