package dev.driftless.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.driftless.model.ObjectDigest;
import dev.driftless.model.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A readable line diff between the normalised live object and what the apply would make of it, as YAML in
 * git's unified format ({@link UnifiedDiff}).
 * Secret {@code data} and {@code stringData} values are replaced by a short digest on both sides before
 * the diff, so a changed value shows as a changed digest and no value is ever printed. Resolved secret values
 * in any other kind and field are masked too ({@link Redaction}): the field that holds one is masked whole on
 * both sides, so the value it held before a rotation does not show either.
 */
public final class Differ {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Differ() {}

  /** The diff from live to desired; empty when they are equal. Either side may be null (create, prune). */
  public static String diff(String kind, Map<String, Object> live, Map<String, Object> desired) {
    return diff(kind, live, desired, Redaction.NONE);
  }

  /** The diff from live to desired with resolved secret values masked wherever they stand. */
  public static String diff(String kind, Map<String, Object> live, Map<String, Object> desired,
      Redaction redaction) {
    Map<String, Object> before = mask(kind, live);
    Map<String, Object> after = mask(kind, desired);
    if (redaction != Redaction.NONE) {
      Object[] pair = redactPaired(after, before, redaction);
      after = asMap(pair[0]);
      before = asMap(pair[1]);
    }
    return UnifiedDiff.between(yaml(before), yaml(after));
  }

  /** A copy of the tree with Secret values replaced by digests. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mask(String kind, Map<String, Object> tree) {
    if (tree == null || !"Secret".equals(kind)) return tree;
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    for (String field : List.of("data", "stringData")) {
      if (copy.get(field) instanceof Map<?, ?> m) {
        Map<String, Object> masked = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String v = String.valueOf(e.getValue());
          masked.put(String.valueOf(e.getKey()), placeholder(v));
        }
        copy.put(field, masked);
      }
    }
    // last-applied annotations would carry the values too.
    if (copy.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> ann
        && ann.containsKey("kubectl.kubernetes.io/last-applied-configuration")) {
      Map<String, Object> m2 = new LinkedHashMap<>((Map<String, Object>) meta);
      Map<String, Object> a2 = new LinkedHashMap<>((Map<String, Object>) ann);
      a2.put("kubectl.kubernetes.io/last-applied-configuration", "***");
      m2.put("annotations", a2);
      copy.put("metadata", m2);
    }
    return copy;
  }

  /**
   * Copies of both trees in which every desired string holding a secret value is masked whole, and so is the
   * live string at the same place (it may hold the value from before a rotation); then any value left anywhere
   * on either side is masked where it stands.
   */
  private static Object[] redactPaired(Object desired, Object live, Redaction r) {
    if (desired instanceof String text && r.reveals(text)) {
      return new Object[] {placeholder(text), live instanceof String old ? placeholder(old) : redactAll(live, r)};
    }
    if (desired instanceof Map<?, ?> d) {
      Map<?, ?> l = live instanceof Map<?, ?> m ? m : Map.of();
      Map<String, Object> outD = new LinkedHashMap<>();
      Map<String, Object> outL = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : d.entrySet()) {
        Object[] pair = redactPaired(e.getValue(), l.get(e.getKey()), r);
        outD.put(String.valueOf(e.getKey()), pair[0]);
        if (l.containsKey(e.getKey())) outL.put(String.valueOf(e.getKey()), pair[1]);
      }
      for (Map.Entry<?, ?> e : l.entrySet()) {
        if (!d.containsKey(e.getKey())) outL.put(String.valueOf(e.getKey()), redactAll(e.getValue(), r));
      }
      return new Object[] {outD, live instanceof Map<?, ?> ? outL : redactAll(live, r)};
    }
    if (desired instanceof List<?> d) {
      List<?> l = live instanceof List<?> list ? list : List.of();
      List<Object> outD = new ArrayList<>();
      List<Object> outL = new ArrayList<>();
      for (int i = 0; i < Math.max(d.size(), l.size()); i++) {
        Object[] pair = redactPaired(i < d.size() ? d.get(i) : null, i < l.size() ? l.get(i) : null, r);
        if (i < d.size()) outD.add(pair[0]);
        if (i < l.size()) outL.add(pair[1]);
      }
      return new Object[] {outD, live instanceof List<?> ? outL : redactAll(live, r)};
    }
    return new Object[] {redactAll(desired, r), redactAll(live, r)};
  }

  private static Object redactAll(Object node, Redaction r) {
    if (node instanceof String text) return r.redact(text);
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), redactAll(v, r)));
      return out;
    }
    if (node instanceof List<?> list) return list.stream().map(v -> redactAll(v, r)).toList();
    return node;
  }

  private static String placeholder(String value) {
    return "*** (" + ObjectDigest.sha256(value).substring(7, 19) + ")";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object tree) {
    return (Map<String, Object>) tree;
  }

  private static String yaml(Map<String, Object> tree) {
    if (tree == null) return "";
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return "(unprintable: " + e.getOriginalMessage() + ")\n";
    }
  }
}
