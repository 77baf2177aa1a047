package dev.driftless.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads request bodies: JSON ({@code application/json}, the default) or YAML ({@code application/yaml},
 * {@code application/x-yaml}, {@code text/yaml}), bounded in size, with errors that name what is wrong.
 */
final class Bodies {

  /** Bodies beyond this are refused with 413 (a Function URL takes at most 6 MB). */
  static final int MAX_BYTES = 1 << 20;

  static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_BYTES);
    YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private Bodies() {}

  enum Format { JSON, YAML }

  static void checkSize(ApiRequest req) {
    if (req.body() != null && req.body().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new ApiException(413, "request body is larger than " + (MAX_BYTES >> 10) + " KiB");
    }
  }

  static Format format(ApiRequest req) {
    String type = req.header("Content-Type").orElse("application/json").toLowerCase(Locale.ROOT);
    int semi = type.indexOf(';');
    String media = (semi < 0 ? type : type.substring(0, semi)).strip();
    if (media.equals("application/json") || media.endsWith("+json")) return Format.JSON;
    if (Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml").contains(media)
        || media.endsWith("+yaml")) {
      return Format.YAML;
    }
    throw new ApiException(415, "Content-Type " + media + " is not supported: send application/json or "
        + "application/yaml");
  }

  /** The body as an object; an absent body is an empty object unless {@code required}. */
  static ObjectNode object(ApiRequest req, String what, boolean required) {
    if (!req.hasBody()) {
      if (required) throw ApiException.badRequest(what + ": a request body is required");
      return JSON.createObjectNode();
    }
    JsonNode n = tree(req, what);
    if (!(n instanceof ObjectNode o)) {
      throw ApiException.badRequest(what + ": the body must be an object");
    }
    return o;
  }

  /** Parses the body per its Content-Type. */
  static JsonNode tree(ApiRequest req, String what) {
    Format f = format(req);
    try {
      JsonNode n = (f == Format.JSON ? JSON : YAML).readTree(req.body());
      if (n == null || n.isMissingNode()) throw ApiException.badRequest(what + ": the body is empty");
      return n;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw ApiException.badRequest(what + ": the body is not valid " + f + where);
    }
  }

  /** A YAML or JSON document as a JSON tree (for showing a stored document). */
  static JsonNode document(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  /** Refuses fields other than {@code known}, naming the first unknown one. */
  static void onlyKnown(ObjectNode body, String what, Set<String> known) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw ApiException.badRequest(what + ": unknown field " + f + " (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
    }
  }

  /** An optional string field; a non-string value is refused naming the field. */
  static String string(ObjectNode body, String what, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiException.badRequest(what + ": " + field + " must be a string");
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /** An integer query parameter in [min, max], or {@code dflt} when absent. */
  static int intParam(ApiRequest req, String name, int dflt, int min, int max) {
    String v = req.param(name);
    if (v == null) return dflt;
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) return i;
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw ApiException.badRequest("query parameter " + name + " must be an integer from " + min + " to " + max);
  }
}
