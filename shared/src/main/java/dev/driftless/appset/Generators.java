package dev.driftless.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an ApplicationSet's generators: each gives a list of parameter sets. A matrix gives every pair of its two
 * generators' sets, the second generator's own fields rendered with the first's parameters (Argo CD lets it read
 * them: a Git generator whose path names the cluster); a merge gives its first generator's sets, each overlaid with
 * the sets of later generators that agree on every merge key.
 */
final class Generators {

  /** At most this many parameter sets from one set: a matrix can multiply fast. */
  static final int MAX_RESULTS = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GeneratorInputs inputs;
  private final TemplateRenderer templates;

  Generators(GeneratorInputs inputs, TemplateRenderer templates) {
    this.inputs = inputs;
    this.templates = templates;
  }

  List<Map<String, Object>> run(List<JsonNode> generators, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < generators.size(); i++) {
      out.addAll(one(generators.get(i), what + ".generators[" + i + "]"));
      bound(out.size(), what);
    }
    return out;
  }

  List<Map<String, Object>> one(JsonNode g, String what) {
    if (g.has("list")) return list(g.get("list"));
    if (g.has("clusters")) return ClusterGenerator.generate(g.get("clusters"), inputs.clusters(), templates);
    if (g.has("git")) return GitGenerator.generate(g.get("git"), inputs, what + ".git");
    if (g.has("matrix")) return matrix(g.get("matrix").get("generators"), what + ".matrix");
    if (g.has("merge")) return merge(g.get("merge"), what + ".merge");
    throw new TemplateException(what + ": no generator Driftless runs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(JsonNode body) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode e : body.get("elements")) {
      out.add(e.isObject() ? JSON.convertValue(e, LinkedHashMap.class) : new LinkedHashMap<>());
    }
    return out;
  }

  private List<Map<String, Object>> matrix(JsonNode children, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> first : one(children.get(0), what + ".generators[0]")) {
      JsonNode second = templates.renderTree(children.get(1), first);
      for (Map<String, Object> p : one(second, what + ".generators[1]")) {
        Map<String, Object> both = new LinkedHashMap<>(first);
        both.putAll(p);
        out.add(both);
        bound(out.size(), what);
      }
    }
    return out;
  }

  private List<Map<String, Object>> merge(JsonNode body, String what) {
    List<String> keys = new ArrayList<>();
    body.get("mergeKeys").forEach(k -> keys.add(k.asText()));
    JsonNode children = body.get("generators");
    List<Map<String, Object>> base = new ArrayList<>();
    for (Map<String, Object> p : one(children.get(0), what + ".generators[0]")) base.add(new LinkedHashMap<>(p));
    for (int i = 1; i < children.size(); i++) {
      for (Map<String, Object> over : one(children.get(i), what + ".generators[" + i + "]")) {
        for (Map<String, Object> b : base) {
          if (keys.stream().allMatch(k -> Objects.equals(Params.at(b, k), Params.at(over, k)))) b.putAll(over);
        }
      }
    }
    return base;
  }

  private static void bound(int size, String what) {
    if (size > MAX_RESULTS) {
      throw new TemplateException(what + ": the generators give more than " + MAX_RESULTS + " parameter sets");
    }
  }
}
