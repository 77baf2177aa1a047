package dev.driftless.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions a Go template may call: Go's built-ins ({@code and or not eq ne lt le gt ge len index print printf})
 * and the sprig functions ApplicationSet templates commonly use ({@code default empty lower upper title trim
 * trimPrefix trimSuffix replace trunc quote squote toYaml toJson join splitList contains hasPrefix hasSuffix
 * b64enc b64dec list dict ternary toString}), plus Argo CD's {@code normalize} and {@code slugify}. Sprig's
 * argument order holds: the piped value comes last ({@code .name | replace "-" "_"}).
 */
final class TemplateFunctions {

  static final Set<String> NAMES = Set.of("and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index",
      "print", "printf", "default", "empty", "lower", "upper", "title", "trim", "trimPrefix", "trimSuffix", "replace",
      "trunc", "quote", "squote", "toYaml", "toJson", "join", "splitList", "contains", "hasPrefix", "hasSuffix",
      "b64enc", "b64dec", "list", "dict", "ternary", "toString", "normalize", "slugify");

  // Go writes a map's keys sorted (encoding/json, sigs.k8s.io/yaml); so do these, whatever order the map holds.
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private TemplateFunctions() {}

  static Object call(String name, List<Object> a, GoEvaluator ev) {
    switch (name) {
      case "and": {
        Object last = null;
        for (Object o : need(name, a, 1, ev)) {
          last = o;
          if (!GoEvaluator.truth(o)) return o;
        }
        return last;
      }
      case "or": {
        Object last = null;
        for (Object o : need(name, a, 1, ev)) {
          last = o;
          if (GoEvaluator.truth(o)) return o;
        }
        return last;
      }
      case "not": return !GoEvaluator.truth(one(name, a, ev));
      case "eq": {
        need(name, a, 2, ev);
        for (Object o : a.subList(1, a.size())) if (same(a.get(0), o)) return true;
        return false;
      }
      case "ne": return !same(two(name, a, ev).get(0), a.get(1));
      case "lt": return compare(two(name, a, ev), ev) < 0;
      case "le": return compare(two(name, a, ev), ev) <= 0;
      case "gt": return compare(two(name, a, ev), ev) > 0;
      case "ge": return compare(two(name, a, ev), ev) >= 0;
      case "len": return (long) length(one(name, a, ev), ev);
      case "index": return index(need(name, a, 1, ev), ev);
      case "print": return String.join("", a.stream().map(GoEvaluator::print).toList());
      case "printf": return printf(need(name, a, 1, ev), ev);
      case "default": return GoEvaluator.truth(two(name, a, ev).get(1)) ? a.get(1) : a.get(0);
      case "empty": return !GoEvaluator.truth(one(name, a, ev));
      case "lower": return str(one(name, a, ev)).toLowerCase(Locale.ROOT);
      case "upper": return str(one(name, a, ev)).toUpperCase(Locale.ROOT);
      case "title": return title(str(one(name, a, ev)));
      case "trim": return str(one(name, a, ev)).strip();
      case "trimPrefix": {
        String s = str(two(name, a, ev).get(1));
        return s.startsWith(str(a.get(0))) ? s.substring(str(a.get(0)).length()) : s;
      }
      case "trimSuffix": {
        String s = str(two(name, a, ev).get(1));
        return s.endsWith(str(a.get(0))) ? s.substring(0, s.length() - str(a.get(0)).length()) : s;
      }
      case "replace": return str(three(name, a, ev).get(2)).replace(str(a.get(0)), str(a.get(1)));
      case "trunc": return trunc(two(name, a, ev), ev);
      case "quote": return "\"" + str(one(name, a, ev)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case "squote": return "'" + str(one(name, a, ev)) + "'";
      case "toYaml": return yaml(one(name, a, ev), ev);
      case "toJson": return json(one(name, a, ev), ev);
      case "toString": return str(one(name, a, ev));
      case "join": return join(two(name, a, ev));
      case "splitList": return new ArrayList<Object>(List.of(str(two(name, a, ev).get(1)).split(
          Pattern.quote(str(a.get(0))), -1)));
      case "contains": return str(two(name, a, ev).get(1)).contains(str(a.get(0)));
      case "hasPrefix": return str(two(name, a, ev).get(1)).startsWith(str(a.get(0)));
      case "hasSuffix": return str(two(name, a, ev).get(1)).endsWith(str(a.get(0)));
      case "b64enc": return Base64.getEncoder().encodeToString(str(one(name, a, ev)).getBytes(StandardCharsets.UTF_8));
      case "b64dec": return b64dec(one(name, a, ev), ev);
      case "list": return new ArrayList<>(a);
      case "dict": return dict(a, ev);
      case "ternary": return GoEvaluator.truth(three(name, a, ev).get(2)) ? a.get(0) : a.get(1);
      case "normalize": return normalize(str(one(name, a, ev)));
      case "slugify": return slugify(str(one(name, a, ev)));
      default: throw ev.error("function \"" + name + "\" not defined (Driftless's functions: "
          + String.join(", ", NAMES.stream().sorted().toList()) + ")");
    }
  }

  private static List<Object> need(String name, List<Object> a, int n, GoEvaluator ev) {
    if (a.size() < n) throw ev.error(name + " needs at least " + n + " argument" + (n == 1 ? "" : "s"));
    return a;
  }

  private static Object one(String name, List<Object> a, GoEvaluator ev) {
    if (a.size() != 1) throw ev.error(name + " takes 1 argument, not " + a.size());
    return a.get(0);
  }

  private static List<Object> two(String name, List<Object> a, GoEvaluator ev) {
    if (a.size() != 2) throw ev.error(name + " takes 2 arguments, not " + a.size());
    return a;
  }

  private static List<Object> three(String name, List<Object> a, GoEvaluator ev) {
    if (a.size() != 3) throw ev.error(name + " takes 3 arguments, not " + a.size());
    return a;
  }

  static String str(Object o) {
    return o == null ? "" : o instanceof String s ? s : GoEvaluator.print(o);
  }

  static String typeName(Object v) {
    if (v instanceof String) return "string";
    if (v instanceof Number) return "number";
    if (v instanceof Boolean) return "bool";
    if (v instanceof List) return "list";
    return v == null ? "nil" : "value";
  }

  private static boolean same(Object x, Object y) {
    if (x instanceof Number a && y instanceof Number b) return a.doubleValue() == b.doubleValue();
    return Objects.equals(x, y);
  }

  private static int compare(List<Object> a, GoEvaluator ev) {
    if (a.get(0) instanceof Number x && a.get(1) instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a.get(0) instanceof String x && a.get(1) instanceof String y) return x.compareTo(y);
    throw ev.error("incompatible types for comparison: " + typeName(a.get(0)) + " and " + typeName(a.get(1)));
  }

  private static int length(Object o, GoEvaluator ev) {
    if (o instanceof String s) return s.length();
    if (o instanceof List<?> l) return l.size();
    if (o instanceof Map<?, ?> m) return m.size();
    throw ev.error("len of " + typeName(o));
  }

  private static Object index(List<Object> a, GoEvaluator ev) {
    Object v = a.get(0);
    for (Object k : a.subList(1, a.size())) {
      if (v instanceof Map<?, ?> m) {
        v = m.get(str(k));
      } else if (v instanceof List<?> l && k instanceof Number n) {
        int i = n.intValue();
        if (i < 0 || i >= l.size()) throw ev.error("index out of range: " + i);
        v = l.get(i);
      } else if (v == null) {
        return null;
      } else {
        throw ev.error("can't index a " + typeName(v) + " with " + str(k));
      }
    }
    return v;
  }

  /** Go's verbs as templates use them: %s %v %d %q %%. */
  private static String printf(List<Object> a, GoEvaluator ev) {
    String format = str(a.get(0));
    StringBuilder out = new StringBuilder();
    int arg = 1;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char verb = format.charAt(++i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (arg >= a.size()) throw ev.error("printf: too few arguments for " + format);
      Object v = a.get(arg++);
      out.append(verb == 'q' ? "\"" + str(v) + "\""
          : verb == 'd' && v instanceof Number n ? String.valueOf(n.longValue()) : str(v));
    }
    return out.toString();
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder();
    boolean start = true;
    for (char c : s.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return out.toString();
  }

  private static String trunc(List<Object> a, GoEvaluator ev) {
    if (!(a.get(0) instanceof Number n)) throw ev.error("trunc needs a number first");
    String s = str(a.get(1));
    int len = n.intValue();
    if (len >= 0) return s.length() > len ? s.substring(0, len) : s;
    return s.length() > -len ? s.substring(s.length() + len) : s;
  }

  private static String join(List<Object> a) {
    Object list = a.get(1);
    if (list instanceof List<?> l) return String.join(str(a.get(0)), l.stream().map(TemplateFunctions::str).toList());
    return str(list);
  }

  private static String yaml(Object o, GoEvaluator ev) {
    try {
      return YAML.writeValueAsString(o).stripTrailing();
    } catch (JsonProcessingException e) {
      throw ev.error("toYaml: " + e.getOriginalMessage());
    }
  }

  private static String json(Object o, GoEvaluator ev) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw ev.error("toJson: " + e.getOriginalMessage());
    }
  }

  private static String b64dec(Object o, GoEvaluator ev) {
    try {
      return new String(Base64.getDecoder().decode(str(o)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ev.error("b64dec: not base64");
    }
  }

  private static Map<String, Object> dict(List<Object> a, GoEvaluator ev) {
    if (a.size() % 2 != 0) throw ev.error("dict needs key and value pairs");
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i += 2) m.put(str(a.get(i)), a.get(i + 1));
    return m;
  }

  /** Argo CD's normalize: a DNS-1123 subdomain (lowercase, anything else than letters, digits, '-', '.' to '-'). */
  static String normalize(String s) {
    String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    n = n.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /** Argo CD's slugify with its defaults: lowercase, runs of other characters to one '-', at most 50. */
  static String slugify(String s) {
    String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return n.length() > 50 ? n.substring(0, 50).replaceAll("-+$", "") : n;
  }
}
