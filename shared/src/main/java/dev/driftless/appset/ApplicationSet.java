package dev.driftless.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An ApplicationSet: generators that produce parameter sets, and a template that turns each into an Application,
 * as Argo CD's. {@code project} is the template's {@code spec.project}, a literal: access to the set and the rules
 * its Applications must fit are decided on it. {@code templatePatch} is a template of a patch merged over each
 * rendered Application (null: none).
 */
public record ApplicationSet(
    String name,
    String project,
    List<JsonNode> generators,
    ObjectNode template,
    boolean goTemplate,
    boolean missingKeyError,
    String templatePatch,
    boolean preserveResourcesOnDeletion) {

  public ApplicationSet {
    generators = List.copyOf(generators);
  }
}
