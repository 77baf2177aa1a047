package dev.driftless.reconcile;

import dev.driftless.apply.ClusterDiscovery;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.project.DestinationCluster;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.ProjectViolationException;
import dev.driftless.project.Violation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds what an Application renders to its project, before any secret is read or anything written: its
 * destination (cluster and namespace, the project may have narrowed since registration) and each object, hooks
 * included, by its kind for the scope the cluster serves it at and by its namespace (the destination's when it
 * names none). One {@link ProjectViolationException} lists every refusal. An object whose kind the cluster does
 * not serve is left to the planner, which refuses it.
 */
final class ProjectCheck {

  private final ProjectRules rules;

  ProjectCheck(ProjectRules rules) {
    this.rules = rules;
  }

  /** The source repository alone: checked before the repository is fetched. */
  void source(Application app) {
    rules.checkSource(app).ifPresent(v -> refuse(app, List.of(v)));
  }

  void objects(Application app, DestinationCluster destination, ClusterDiscovery discovery,
      List<DesiredObject> rendered) {
    List<Violation> violations = new ArrayList<>();
    rules.checkDestination(app, destination).ifPresent(violations::add);
    permitted(app, destination, discovery, rendered, violations);
    if (!violations.isEmpty()) refuse(app, violations);
  }

  /**
   * For a preview: the destination is held as {@link #objects} holds it, but objects the project refuses are left
   * out and their violations added to {@code violations} rather than refusing the whole, so a plan can show both.
   */
  List<DesiredObject> withoutRefused(Application app, DestinationCluster destination, ClusterDiscovery discovery,
      List<DesiredObject> rendered, List<Violation> violations) {
    rules.checkDestination(app, destination).ifPresent(v -> refuse(app, List.of(v)));
    return permitted(app, destination, discovery, rendered, violations);
  }

  /** The rendered objects the project permits; a violation for each other one is added to {@code violations}. */
  private List<DesiredObject> permitted(Application app, DestinationCluster destination, ClusterDiscovery discovery,
      List<DesiredObject> rendered, List<Violation> violations) {
    List<DesiredObject> crds = rendered.stream()
        .filter(d -> "CustomResourceDefinition".equals(d.key().kind())).toList();
    List<DesiredObject> permitted = new ArrayList<>();
    for (DesiredObject d : rendered) {
      Optional<ResourceDefinitionContext> served = discovery.find(d.apiVersion(), d.key().kind(), crds);
      boolean namespaced = served.map(ResourceDefinitionContext::isNamespaceScoped).orElse(false);
      String namespace = !namespaced ? "" : d.key().namespace().isEmpty() ? app.destination().namespace()
          : d.key().namespace();
      Optional<Violation> refused = served.isEmpty() || (namespaced && namespace.isEmpty()) ? Optional.empty()
          : rules.checkObject(new ObjectKey(d.key().group(), d.key().kind(), namespace, d.key().name()), namespaced,
              destination);
      refused.ifPresentOrElse(violations::add, () -> permitted.add(d));
    }
    return permitted;
  }

  private void refuse(Application app, List<Violation> violations) {
    throw new ProjectViolationException(app.name(), rules.project(), violations);
  }
}
