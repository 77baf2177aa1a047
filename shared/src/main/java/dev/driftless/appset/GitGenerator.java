package dev.driftless.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.glob.Glob;
import dev.driftless.model.ApplicationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Argo CD's Git generators. Directories: one parameter set per directory of the repository whose path matches an
 * entry and no {@code exclude: true} entry. Files: one per matching JSON or YAML file (or per object, when the file
 * holds a list), its fields as parameters. Paths are relative to the repository root, globs Argo CD's ({@code *}
 * stays within a path segment, {@code **} crosses them); {@code .git} and links are never followed. Each set has
 * {@code path} ({@code path}, {@code basename}, {@code basenameNormalized}, {@code segments}, and for files
 * {@code filename}, {@code filenameNormalized}).
 */
final class GitGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A parameter file larger than this is refused: it is read whole. */
  private static final long MAX_FILE = 1024 * 1024;

  private GitGenerator() {}

  static List<Map<String, Object>> generate(JsonNode body, GeneratorInputs inputs, String what) {
    String revision = body.path("revision").asText("HEAD");
    Path root = inputs.checkout(body.path("repoURL").asText(), revision.isBlank() ? "HEAD" : revision,
        body.path("credentials").asText(null));
    return body.has("directories") ? directories(root, body.get("directories"))
        : files(root, body.get("files"), what);
  }

  private static List<Map<String, Object>> directories(Path root, JsonNode entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String dir : walk(root, true)) {
      boolean included = false;
      for (JsonNode e : entries) {
        if (Glob.matches(e.path("path").asText(), dir, '/')) {
          if (e.path("exclude").asBoolean(false)) {
            included = false;
            break;
          }
          included = true;
        }
      }
      if (included) out.add(pathParams(dir));
    }
    return out;
  }

  private static List<Map<String, Object>> files(Path root, JsonNode entries, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String file : walk(root, false)) {
      boolean matched = false;
      for (JsonNode e : entries) {
        if (Glob.matches(e.path("path").asText(), file, '/')) {
          matched = !e.path("exclude").asBoolean(false);
          if (!matched) break;
        }
      }
      if (!matched) continue;
      for (JsonNode doc : read(root.resolve(file), what + ": " + file)) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (doc.isObject()) p.putAll(JSON.convertValue(doc, LinkedHashMap.class));
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ".";
        Map<String, Object> path = pathParams(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> pathMap = (Map<String, Object>) path.get("path");
        String name = file.substring(file.lastIndexOf('/') + 1);
        pathMap.put("filename", name);
        pathMap.put("filenameNormalized", TemplateFunctions.normalize(name));
        p.put("path", pathMap);
        out.add(p);
      }
    }
    return out;
  }

  private static List<JsonNode> read(Path file, String what) {
    try {
      if (Files.size(file) > MAX_FILE) throw new TemplateException(what + ": larger than " + MAX_FILE + " bytes");
      JsonNode n = ApplicationParser.boundedYaml().readTree(Files.readString(file));
      List<JsonNode> out = new ArrayList<>();
      if (n != null && n.isArray()) n.forEach(out::add);
      else if (n != null) out.add(n);
      return out;
    } catch (JsonProcessingException e) {
      throw new TemplateException(what + ": not JSON or YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> pathParams(String dir) {
    Map<String, Object> path = new LinkedHashMap<>();
    String base = dir.contains("/") ? dir.substring(dir.lastIndexOf('/') + 1) : dir;
    path.put("path", dir);
    path.put("basename", base);
    path.put("basenameNormalized", TemplateFunctions.normalize(base));
    path.put("segments", new ArrayList<Object>(List.of(dir.split("/"))));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("path", path);
    return p;
  }

  /** Every directory (or regular file) under the root, relative, in path order; never {@code .git} nor a link. */
  private static List<String> walk(Path root, boolean directories) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !p.equals(root) && !Files.isSymbolicLink(p))
          .filter(p -> directories ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
              : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> !rel.equals(".git") && !rel.startsWith(".git/"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
