package dev.driftless.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.ApplicationParser.Fields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an ApplicationSet document, Argo CD's {@code argoproj.io/v1alpha1} (or {@code driftless.dev/v1alpha1}):
 * every error names the document and the field. Generators Driftless cannot run (SCM provider, pull request,
 * plugin, cluster decision resource) are refused by name rather than ignored, so a set never silently produces
 * fewer Applications than it says.
 */
public final class ApplicationSetParser {

  static final Set<String> SUPPORTED = Set.of("list", "clusters", "git", "matrix", "merge");
  private static final Set<String> UNSUPPORTED = Set.of("scmProvider", "pullRequest", "plugin",
      "clusterDecisionResource");
  private static final Set<String> API_VERSIONS = Set.of("argoproj.io/v1alpha1", "driftless.dev/v1alpha1");
  /** Generators nest at most this deep (a matrix of merges), as Argo CD allows. */
  private static final int MAX_DEPTH = 3;

  private final YAMLMapper yaml = ApplicationParser.boundedYaml();

  public ApplicationSet parse(String document, String origin) {
    Fields f = new Fields(origin, InvalidApplicationSetException::new);
    JsonNode root;
    try {
      root = yaml.readTree(document);
    } catch (JsonProcessingException e) {
      throw new InvalidApplicationSetException(origin + ": not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidApplicationSetException(origin + ": expected an ApplicationSet object");
    }
    String apiVersion = f.text(root, "apiVersion", true);
    if (!API_VERSIONS.contains(apiVersion)) throw f.error("apiVersion", "must be one of " + API_VERSIONS);
    if (!"ApplicationSet".equals(f.text(root, "kind", true))) throw f.error("kind", "must be ApplicationSet");
    String name = f.text(root.path("metadata"), "metadata.name", "name", true);
    if (!Application.isName(name)) {
      throw f.error("metadata.name", "must be a DNS subdomain name (lowercase letters, digits, '-' and '.', at most"
          + " 253)");
    }
    JsonNode spec = root.path("spec");
    if (!spec.isObject()) throw f.error("spec", "is required");
    JsonNode gens = spec.path("generators");
    if (!gens.isArray() || gens.isEmpty()) throw f.error("spec.generators", "must be a non-empty list");
    List<JsonNode> generators = new ArrayList<>();
    for (int i = 0; i < gens.size(); i++) {
      generators.add(generator(f, gens.get(i), "spec.generators[" + i + "]", 1));
    }
    JsonNode template = spec.path("template");
    if (!template.isObject()) throw f.error("spec.template", "is required");
    f.text(template.path("metadata"), "spec.template.metadata.name", "name", true);
    String project = f.text(template.path("spec"), "spec.template.spec.project", "project", false);
    project = project == null ? "default" : project;
    if (project.contains("{{")) {
      throw f.error("spec.template.spec.project", "must be a project name, not a template: access to the set and"
          + " the rules its Applications fit are decided on it");
    }
    List<String> options = f.strings(spec.path("goTemplateOptions"), "spec.goTemplateOptions");
    for (String o : options) {
      if (!o.equals("missingkey=error") && !o.equals("missingkey=default") && !o.equals("missingkey=zero")) {
        throw f.error("spec.goTemplateOptions", "supports missingkey=error|default|zero, not " + o);
      }
    }
    String patch = f.text(spec, "spec.templatePatch", "templatePatch", false);
    return new ApplicationSet(name, project, generators, (ObjectNode) template,
        spec.path("goTemplate").asBoolean(false), options.contains("missingkey=error"), patch,
        spec.path("syncPolicy").path("preserveResourcesOnDeletion").asBoolean(false));
  }

  private JsonNode generator(Fields f, JsonNode g, String field, int depth) {
    if (!g.isObject()) throw f.error(field, "must be an object naming one generator");
    List<String> kinds = new ArrayList<>();
    for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.equals("selector")) continue;
      if (UNSUPPORTED.contains(k)) {
        throw f.error(field + "." + k, "generator " + k + " is not supported by Driftless (supported: list, clusters,"
            + " git, matrix, merge)");
      }
      if (!SUPPORTED.contains(k)) throw f.error(field + "." + k, "is not a generator");
      kinds.add(k);
    }
    if (kinds.size() != 1) throw f.error(field, "must name exactly one generator, not " + kinds);
    String kind = kinds.get(0);
    JsonNode body = g.get(kind);
    String at = field + "." + kind;
    switch (kind) {
      case "list" -> {
        if (!body.path("elements").isArray()) throw f.error(at + ".elements", "must be a list");
        if (body.has("elementsYaml")) throw f.error(at + ".elementsYaml", "is not supported; use elements");
      }
      case "git" -> {
        f.text(body, at + ".repoURL", "repoURL", true);
        boolean dirs = body.has("directories");
        boolean files = body.has("files");
        if (dirs == files) throw f.error(at, "must have either directories or files");
        JsonNode list = body.path(dirs ? "directories" : "files");
        if (!list.isArray() || list.isEmpty()) throw f.error(at + (dirs ? ".directories" : ".files"), "must be a"
            + " non-empty list");
        for (int i = 0; i < list.size(); i++) {
          f.text(list.get(i), at + (dirs ? ".directories[" : ".files[") + i + "].path", "path", true);
        }
      }
      case "matrix", "merge" -> {
        if (depth >= MAX_DEPTH) throw f.error(at, "nests generators deeper than " + MAX_DEPTH);
        JsonNode children = body.path("generators");
        if (!children.isArray() || children.size() < 2 || kind.equals("matrix") && children.size() != 2) {
          throw f.error(at + ".generators", kind.equals("matrix") ? "must list exactly two generators"
              : "must list at least two generators");
        }
        for (int i = 0; i < children.size(); i++) {
          generator(f, children.get(i), at + ".generators[" + i + "]", depth + 1);
        }
        if (kind.equals("merge") && f.strings(body.path("mergeKeys"), at + ".mergeKeys").isEmpty()) {
          throw f.error(at + ".mergeKeys", "must name at least one key");
        }
      }
      default -> {
        if (!body.isObject() && !body.isNull()) throw f.error(at, "must be an object");
      }
    }
    if (g.has("selector")) throw f.error(field + ".selector", "post-generator selectors are not supported");
    return g;
  }
}
