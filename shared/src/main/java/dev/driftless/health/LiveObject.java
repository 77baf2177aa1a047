package dev.driftless.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only, forgiving access to the fields of a live object as the API server returned it. A field that is
 * absent or of an unexpected type reads as absent (null, zero, empty), the way Go's zero values do in the
 * health rules this package follows; health is assessed across API versions without typed models.
 */
final class LiveObject {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenericKubernetesResource resource;
  private final ObjectMeta meta;

  LiveObject(GenericKubernetesResource resource) {
    this.resource = resource;
    this.meta = resource.getMetadata() == null ? new ObjectMeta() : resource.getMetadata();
  }

  String kind() {
    return resource.getKind() == null ? "" : resource.getKind();
  }

  String group() {
    return ObjectKey.groupOf(resource.getApiVersion());
  }

  String name() {
    return meta.getName() == null ? "" : meta.getName();
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
  String describe() {
    String ns = meta.getNamespace();
    return kind() + " " + (ns == null || ns.isEmpty() ? name() : ns + "/" + name());
  }

  long generation() {
    return meta.getGeneration() == null ? 0 : meta.getGeneration();
  }

  boolean isBeingDeleted() {
    return meta.getDeletionTimestamp() != null && !meta.getDeletionTimestamp().isEmpty();
  }

  String annotation(String name) {
    return meta.getAnnotations() == null ? null : meta.getAnnotations().get(name);
  }

  /**
   * The whole object as the API server returned it ({@code apiVersion}, {@code kind}, {@code metadata},
   * {@code spec}, {@code status}, ...): maps, lists, strings, booleans, and numbers as {@code Long} or
   * {@code Double}, the two number types the custom health languages evaluate.
   */
  Map<String, Object> content() {
    Map<?, ?> raw = JSON.convertValue(resource, Map.class);
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(LiveObject::plain).toList();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    return value;
  }

  /** The value at the path below the object's root ({@code "status", "phase"}); null when absent. */
  Object at(String... path) {
    Object current = resource.getAdditionalProperties();
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  String text(String... path) {
    Object value = at(path);
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? String.valueOf(value) : null;
  }

  /** The string at the path, or the empty string when absent. */
  String textOrEmpty(String... path) {
    String value = text(path);
    return value == null ? "" : value;
  }

  /** The integer at the path; null when absent or not a whole number. */
  Long number(String... path) {
    Object value = at(path);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The integer at the path, or zero when absent. */
  long count(String... path) {
    Long value = number(path);
    return value == null ? 0 : value;
  }

  boolean flag(String... path) {
    Object value = at(path);
    return value instanceof Boolean b ? b : value instanceof String s && Boolean.parseBoolean(s);
  }

  boolean has(String... path) {
    return at(path) != null;
  }

  /** The entries of the list at the path that are maps; empty when absent. */
  List<Map<?, ?>> maps(String... path) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (at(path) instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          out.add(map);
        }
      }
    }
    return out;
  }

  /** The number of entries in the list at the path; zero when absent. */
  int size(String... path) {
    return at(path) instanceof List<?> list ? list.size() : 0;
  }

  List<Condition> conditions() {
    return maps("status", "conditions").stream().map(Condition::of).toList();
  }

  Optional<Condition> condition(String type) {
    return conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }
}
