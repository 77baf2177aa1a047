package dev.driftless.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.cluster.ClusterRegistration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's clusters generator over Driftless's registered clusters: one parameter set per cluster the label
 * selector matches ({@code matchLabels}; {@code matchExpressions} with In, NotIn, Exists, DoesNotExist; none: every
 * cluster), with {@code name}, {@code nameNormalized}, {@code server}, {@code metadata.labels},
 * {@code metadata.annotations} (none) and {@code values}, whose strings may use the cluster's parameters.
 */
final class ClusterGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterGenerator() {}

  static List<Map<String, Object>> generate(JsonNode body, List<ClusterRegistration> clusters,
      TemplateRenderer templates) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ClusterRegistration c : clusters) {
      if (!selects(body.path("selector"), c.labels())) continue;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", c.name());
      p.put("nameNormalized", TemplateFunctions.normalize(c.name()));
      p.put("server", c.server() == null ? "" : c.server());
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("labels", new LinkedHashMap<String, Object>(c.labels()));
      metadata.put("annotations", new LinkedHashMap<String, Object>());
      p.put("metadata", metadata);
      JsonNode values = body.path("values");
      if (values.isObject()) p.put("values", JSON.convertValue(templates.renderTree(values, p), Map.class));
      out.add(p);
    }
    return out;
  }

  static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) return false;
    }
    for (JsonNode x : selector.path("matchExpressions")) {
      String key = x.path("key").asText();
      List<String> values = new ArrayList<>();
      x.path("values").forEach(v -> values.add(v.asText()));
      String op = x.path("operator").asText();
      boolean ok = switch (op) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> throw new TemplateException("clusters generator: selector operator " + op + " is not one of In,"
            + " NotIn, Exists, DoesNotExist");
      };
      if (!ok) return false;
    }
    return true;
  }
}
