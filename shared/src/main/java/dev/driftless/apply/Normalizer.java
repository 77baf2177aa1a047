package dev.driftless.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.Application.IgnoreDifference;
import dev.driftless.model.JqPathExpression;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a live or dry-run object into what is compared: server-maintained fields dropped (managedFields,
 * resourceVersion, uid, generation, timestamps, status) and the Application's ignoreDifferences applied
 * (JSON pointers, fields owned by the named field managers, and jq path expressions within their bounds: one
 * that passes them fails the plan naming the Application, the expression and the object).
 */
public final class Normalizer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SERVER_METADATA = List.of("managedFields", "resourceVersion", "uid",
      "generation", "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  private final String application;
  private final List<IgnoreDifference> ignores;
  private final Map<String, JqPathExpression> jq = new HashMap<>();

  /** The normaliser of {@code application}'s objects; its jq path expressions are compiled once, here. */
  public Normalizer(String application, List<IgnoreDifference> ignores) {
    this.application = application;
    this.ignores = List.copyOf(ignores);
    for (IgnoreDifference ig : ignores) {
      for (String e : ig.jqPathExpressions()) jq.computeIfAbsent(e, JqPathExpression::compile);
    }
  }

  /**
   * The normalised tree of {@code obj}. {@code owner} is the live object whose managedFields say which fields
   * the ignored managers own; pass the same live object when normalising both sides so they lose the same
   * fields.
   */
  public Map<String, Object> normalize(HasMetadata obj, ObjectKey key, HasMetadata owner) {
    Map<String, Object> tree = toTree(obj);
    tree.remove("status");
    Map<String, Object> meta = child(tree, "metadata");
    if (meta != null) {
      SERVER_METADATA.forEach(meta::remove);
      Map<String, Object> ann = child(meta, "annotations");
      if (ann != null && ann.isEmpty()) meta.remove("annotations");
    }
    for (IgnoreDifference ig : ignores) {
      if (!ig.matches(key)) continue;
      for (String pointer : ig.jsonPointers()) removePointer(tree, pointer);
      for (String e : ig.jqPathExpressions()) tree = withoutPaths(tree, e, key);
      if (owner != null && !ig.managedFieldsManagers().isEmpty() && owner.getMetadata().getManagedFields() != null) {
        for (ManagedFieldsEntry mf : owner.getMetadata().getManagedFields()) {
          if (ig.managedFieldsManagers().contains(mf.getManager()) && mf.getFieldsV1() != null) {
            removeFieldSet(tree, toTree(mf.getFieldsV1()));
          }
        }
      }
    }
    return tree;
  }

  private Map<String, Object> withoutPaths(Map<String, Object> tree, String expression, ObjectKey key) {
    try {
      return jq.get(expression).delete(tree);
    } catch (JqPathExpression.JqBoundException e) {
      throw new PlanException("application " + application + ": ignoreDifferences jqPathExpressions '" + expression
          + "' stopped on " + key + ": it " + e.getMessage() + "; simplify it");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toTree(Object o) {
    return JSON.convertValue(o, LinkedHashMap.class);
  }

  /** Removes the value at an RFC 6901 JSON pointer, if present. */
  @SuppressWarnings("unchecked")
  static void removePointer(Map<String, Object> tree, String pointer) {
    if (pointer == null || pointer.isEmpty() || "/".equals(pointer)) return;
    String[] parts = pointer.substring(1).split("/", -1);
    Object cur = tree;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].replace("~1", "/").replace("~0", "~");
      boolean last = i == parts.length - 1;
      if (cur instanceof Map<?, ?> m) {
        if (last) { ((Map<String, Object>) m).remove(p); return; }
        cur = m.get(p);
      } else if (cur instanceof List<?> l) {
        int idx;
        try { idx = Integer.parseInt(p); } catch (NumberFormatException e) { return; }
        if (idx < 0 || idx >= l.size()) return;
        if (last) { ((List<Object>) l).remove(idx); return; }
        cur = l.get(idx);
      } else {
        return;
      }
    }
  }

  /**
   * Removes from {@code tree} the fields named by a managedFields fieldsV1 set: {@code f:<name>} for map
   * fields, {@code k:<json>} for list items matched by their keys, {@code v:<json>} for set items, and
   * {@code .} for the node itself.
   */
  @SuppressWarnings("unchecked")
  static void removeFieldSet(Object node, Map<String, Object> set) {
    for (Map.Entry<String, Object> e : set.entrySet()) {
      String k = e.getKey();
      Map<String, Object> sub = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      boolean leaf = sub.isEmpty() || (sub.size() == 1 && sub.containsKey("."));
      if (k.startsWith("f:") && node instanceof Map<?, ?> map) {
        String field = k.substring(2);
        if (leaf) ((Map<String, Object>) map).remove(field);
        else if (map.get(field) != null) removeFieldSet(map.get(field), sub);
      } else if ((k.startsWith("k:") || k.startsWith("v:")) && node instanceof List<?> list) {
        Object match = parse(k.substring(2));
        List<Object> items = (List<Object>) list;
        for (Object item : new ArrayList<>(items)) {
          boolean hit = k.startsWith("v:") ? item.equals(match) : matchesKeys(item, match);
          if (!hit) continue;
          if (leaf) items.remove(item);
          else removeFieldSet(item, sub);
        }
      }
    }
  }

  private static boolean matchesKeys(Object item, Object keys) {
    if (!(item instanceof Map<?, ?> m) || !(keys instanceof Map<?, ?> km)) return false;
    for (Map.Entry<?, ?> e : km.entrySet()) {
      Object v = m.get(e.getKey());
      if (v == null || !String.valueOf(v).equals(String.valueOf(e.getValue()))) return false;
    }
    return true;
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (IOException e) {
      return json;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> c ? (Map<String, Object>) c : null;
  }
}
