package dev.driftless.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the secret references in one object's string values, with the field path of each. */
final class ReferenceScan {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  /** A string value holding references, and where to write its resolved text. */
  record Use(int objectIndex, ObjectKey object, String field, JsonNode parent, String name, int index,
      String text, List<SecretReference> refs, boolean isSecretData) {
    void set(String resolved) {
      if (parent instanceof ObjectNode o) {
        o.put(name, resolved);
      } else {
        ((ArrayNode) parent).set(index, resolved);
      }
    }

    @Override
    public String toString() {
      return object + ": " + field;
    }
  }

  /** A Secret annotated with a whole JSON secret to spread into its stringData. */
  record Whole(int objectIndex, ObjectKey object, String field, String secretId) {}

  private final int objectIndex;
  private final ObjectKey key;
  private final boolean isSecret;
  private final List<Use> uses = new ArrayList<>();
  private Whole annotation;

  private ReferenceScan(int objectIndex, ObjectKey key) {
    this.objectIndex = objectIndex;
    this.key = key;
    this.isSecret = key.group().isEmpty() && "Secret".equals(key.kind());
  }

  static ReferenceScan of(int objectIndex, ObjectKey key, ObjectNode tree) {
    ReferenceScan scan = new ReferenceScan(objectIndex, key);
    scan.walk(tree, "");
    if (scan.isSecret) {
      JsonNode id = tree.path("metadata").path("annotations").path(SecretResolver.ANNOTATION);
      if (id.isTextual() && !id.asText().isBlank()) {
        scan.annotation = new Whole(objectIndex, key, "metadata.annotations[" + SecretResolver.ANNOTATION + "]",
            id.asText().strip());
      }
    }
    return scan;
  }

  List<Use> uses() {
    return uses;
  }

  Optional<Whole> annotation() {
    return Optional.ofNullable(annotation);
  }

  private void walk(JsonNode node, String path) {
    if (node instanceof ObjectNode obj) {
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        String field = path.isEmpty() ? e.getKey() : path + (PLAIN_KEY.matcher(e.getKey()).matches()
            ? "." + e.getKey() : "[" + e.getKey() + "]");
        visit(e.getValue(), field, obj, e.getKey(), -1, path.isEmpty() && "data".equals(e.getKey()));
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        visit(arr.get(i), path + "[" + i + "]", arr, null, i, false);
      }
    }
  }

  private void visit(JsonNode value, String field, JsonNode parent, String name, int index, boolean topData) {
    if (!value.isTextual()) {
      if (isSecret && topData && value instanceof ObjectNode data) {
        for (Map.Entry<String, JsonNode> e : data.properties()) {
          String f = field + (PLAIN_KEY.matcher(e.getKey()).matches() ? "." + e.getKey() : "[" + e.getKey() + "]");
          if (e.getValue().isTextual()) {
            textValue(e.getValue().asText(), f, data, e.getKey(), -1, true);
          }
        }
        return;
      }
      walk(value, field);
      return;
    }
    textValue(value.asText(), field, parent, name, index, false);
  }

  private void textValue(String text, String field, JsonNode parent, String name, int index, boolean secretData) {
    if (!text.contains("{{resolve:")) {
      return;
    }
    List<SecretReference> refs = new ArrayList<>();
    Matcher m = SecretReference.ANY.matcher(text);
    while (m.find()) {
      try {
        refs.add(SecretReference.parse(m.group()));
      } catch (IllegalArgumentException e) {
        throw new SecretResolutionException(key, field, m.group(), e.getMessage());
      }
    }
    if (!refs.isEmpty()) {
      uses.add(new Use(objectIndex, key, field, parent, name, index, text, List.copyOf(refs), secretData));
    }
  }
}
