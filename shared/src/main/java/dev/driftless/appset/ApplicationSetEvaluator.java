package dev.driftless.appset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an ApplicationSet generates now: its generators run over the registered clusters and the repositories they
 * name, and its template rendered once per parameter set. Each result is an Argo CD Application document, still to
 * be checked as any registration is. A generated Application must stay in the set's project (a template patch could
 * otherwise move it).
 */
public final class ApplicationSetEvaluator {

  private final GeneratorInputs inputs;

  public ApplicationSetEvaluator(GeneratorInputs inputs) {
    this.inputs = inputs;
  }

  public List<ObjectNode> evaluate(ApplicationSet set) {
    String what = "applicationset " + set.name();
    TemplateRenderer templates = new TemplateRenderer(set.goTemplate(), set.missingKeyError());
    List<ObjectNode> out = new ArrayList<>();
    for (Map<String, Object> params : new Generators(inputs, templates).run(set.generators(), what + ": spec")) {
      ObjectNode app = templates.application(set, params);
      String project = app.path("spec").path("project").asText("default");
      if (!project.equals(set.project())) {
        throw new TemplateException(what + ": generated Application " + app.path("metadata").path("name").asText()
            + " names project " + project + ", not the set's project " + set.project());
      }
      out.add(app);
    }
    return out;
  }
}
