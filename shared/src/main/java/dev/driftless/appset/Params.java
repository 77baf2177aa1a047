package dev.driftless.appset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generator result: parameters as nested maps, lists and strings, which Go templates read as they are; the
 * default templates read them flattened ({@link #flat}): {@code metadata.labels.env}, {@code path[0]}, and for the
 * Git generators' {@code path} object also {@code path} itself, as Argo CD names them.
 */
final class Params {

  private Params() {}

  static Map<String, String> flat(Map<String, Object> params) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", params, out);
    return out;
  }

  private static void flatten(String prefix, Object v, Map<String, String> out) {
    if (v instanceof Map<?, ?> m) {
      if (prefix.equals("path") && m.get("path") instanceof String p) out.put("path", p);
      m.forEach((k, x) -> {
        String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
        if (prefix.equals("path") && k.equals("segments") && x instanceof List<?> segments) {
          for (int i = 0; i < segments.size(); i++) out.put("path[" + i + "]", String.valueOf(segments.get(i)));
        } else {
          flatten(key, x, out);
        }
      });
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) flatten(prefix + "[" + i + "]", l.get(i), out);
    } else if (!prefix.isEmpty()) {
      out.put(prefix, v == null ? "" : GoEvaluator.print(v));
    }
  }

  /** The value at a dotted key ({@code values.env}), or null. */
  static Object at(Map<String, Object> params, String dotted) {
    Object v = params;
    for (String part : dotted.split("\\.")) {
      if (!(v instanceof Map<?, ?> m)) return null;
      v = m.get(part);
    }
    return v;
  }
}
