package dev.driftless.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.model.ApplicationParser;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders a template tree over one parameter set: every string value is a template, Go's ({@code goTemplate}) or
 * Argo CD's default form; keys and non-string values are kept. A template patch is rendered as text, read as YAML
 * and merged over the rendered Application (objects merged key by key, anything else replaced).
 */
final class TemplateRenderer {

  private final boolean goTemplate;
  private final boolean missingKeyError;

  TemplateRenderer(boolean goTemplate, boolean missingKeyError) {
    this.goTemplate = goTemplate;
    this.missingKeyError = missingKeyError;
  }

  JsonNode renderTree(JsonNode node, Map<String, Object> params) {
    Map<String, String> flat = goTemplate ? null : Params.flat(params);
    return walk(node, params, flat);
  }

  private JsonNode walk(JsonNode node, Map<String, Object> params, Map<String, String> flat) {
    if (node.isTextual()) return TextNode.valueOf(text(node.asText(), params, flat));
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), walk(e.getValue(), params, flat)));
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(walk(e, params, flat)));
      return out;
    }
    return node;
  }

  String text(String text, Map<String, Object> params, Map<String, String> flat) {
    if (!GoTemplate.hasActions(text)) return text;
    return goTemplate ? GoTemplate.parse(text).execute(params, missingKeyError) : FastTemplate.render(text, flat);
  }

  /** The set's template rendered over {@code params}, with its patch merged over it. */
  ObjectNode application(ApplicationSet set, Map<String, Object> params) {
    ObjectNode app = (ObjectNode) renderTree(set.template(), params);
    if (set.templatePatch() != null) {
      String patch = text(set.templatePatch(), params, goTemplate ? null : Params.flat(params));
      JsonNode p;
      try {
        p = ApplicationParser.boundedYaml().readTree(patch);
      } catch (JsonProcessingException e) {
        throw new TemplateException("applicationset " + set.name() + ": spec.templatePatch does not render to YAML: "
            + e.getOriginalMessage());
      }
      if (p != null && p.isObject()) merge(app, (ObjectNode) p);
    }
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
    doc.setAll(app);
    return doc;
  }

  private static void merge(ObjectNode into, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode mine = into.get(e.getKey());
      if (mine != null && mine.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) mine, (ObjectNode) e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }
}
