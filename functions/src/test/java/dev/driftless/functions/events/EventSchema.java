package dev.driftless.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.reconcile.DetailType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an event against its schema in docs/events/. It knows the keywords those schemas use (type, const, enum,
 * required, properties, additionalProperties, items, minLength and the annotations) and refuses a schema that uses
 * any other, so a new keyword cannot pass unchecked.
 */
final class EventSchema {

  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
  private static final Set<String> CHECKED = Set.of("type", "const", "enum", "required", "properties",
      "additionalProperties", "items", "minLength");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode schema;

  private EventSchema(JsonNode schema) {
    this.schema = schema;
  }

  static EventSchema of(DetailType type) throws IOException {
    return new EventSchema(JSON.readTree(Path.of("../docs/events", type.schemaFile()).toFile()));
  }

  /** What in {@code event} breaks the schema; empty when it validates. */
  List<String> violations(JsonNode event) {
    List<String> out = new ArrayList<>();
    check(schema, event, "$", out);
    return out;
  }

  private static void check(JsonNode s, JsonNode v, String at, List<String> out) {
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ANNOTATIONS.contains(k) && !CHECKED.contains(k)) {
        throw new IllegalArgumentException("schema at " + at + ": keyword " + k + " is not checked by this test");
      }
    }
    if (s.has("const") && !s.get("const").equals(v)) out.add(at + ": must be " + s.get("const"));
    if (s.has("enum") && !contains(s.get("enum"), v)) out.add(at + ": " + v + " is not one of " + s.get("enum"));
    if (s.has("type") && !typeOf(s.get("type").asText(), v)) out.add(at + ": must be " + s.get("type").asText());
    if (s.has("minLength") && v.isTextual() && v.asText().length() < s.get("minLength").asInt()) {
      out.add(at + ": shorter than " + s.get("minLength").asInt());
    }
    if (v.isObject()) object(s, v, at, out);
    if (v.isArray() && s.has("items")) {
      for (int i = 0; i < v.size(); i++) check(s.get("items"), v.get(i), at + "[" + i + "]", out);
    }
  }

  private static void object(JsonNode s, JsonNode v, String at, List<String> out) {
    if (s.has("required")) {
      s.get("required").forEach(r -> {
        if (!v.has(r.asText())) out.add(at + ": " + r.asText() + " is required");
      });
    }
    JsonNode props = s.path("properties");
    JsonNode extra = s.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String path = at + "." + f.getKey();
      if (props.has(f.getKey())) {
        check(props.get(f.getKey()), f.getValue(), path, out);
      } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
        out.add(path + ": not allowed");
      } else if (extra != null && extra.isObject()) {
        check(extra, f.getValue(), path, out);
      }
    }
  }

  private static boolean contains(JsonNode values, JsonNode v) {
    for (JsonNode e : values) {
      if (e.equals(v)) return true;
    }
    return false;
  }

  private static boolean typeOf(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      default -> throw new IllegalArgumentException("schema type " + type + " is not checked by this test");
    };
  }
}
