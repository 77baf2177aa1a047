package dev.driftless.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.model.ApplicationParser;

/**
 * Argo CD's resources finalizer on a child Application's document: with it, deleting the child deletes its
 * resources first ({@code resources-finalizer.argocd.argoproj.io}, also with Argo CD's {@code /foreground} or
 * {@code /background} suffix); without it, only the registration goes and the resources stay.
 */
final class ChildFinalizer {

  static final String RESOURCES = "resources-finalizer.argocd.argoproj.io";

  private ChildFinalizer() {}

  static boolean cascades(String document) {
    JsonNode root;
    try {
      root = ApplicationParser.boundedYaml().readTree(document);
    } catch (JsonProcessingException e) {
      return false;
    }
    for (JsonNode f : root.path("metadata").path("finalizers")) {
      String name = f.asText();
      if (name.equals(RESOURCES) || name.startsWith(RESOURCES + "/")) return true;
    }
    return false;
  }
}
