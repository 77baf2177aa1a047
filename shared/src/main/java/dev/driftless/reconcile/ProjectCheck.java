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
    List<DesiredObject> crds = rendered.stream()
        .filter(d -> "CustomResourceDefinition".equals(d.key().kind())).toList();
    for (DesiredObject d : rendered) {
      Optional<ResourceDefinitionContext> served = discovery.find(d.apiVersion(), d.key().kind(), crds);
      if (served.isEmpty()) continue;
      boolean namespaced = served.get().isNamespaceScoped();
      String namespace = !namespaced ? "" : d.key().namespace().isEmpty() ? app.destination().namespace()
          : d.key().namespace();
      if (namespaced && namespace.isEmpty()) continue;
      ObjectKey key = new ObjectKey(d.key().group(), d.key().kind(), namespace, d.key().name());
      rules.checkObject(key, namespaced, destination).ifPresent(violations::add);
    }
    if (!violations.isEmpty()) refuse(app, violations);
  }

  private void refuse(Application app, List<Violation> violations) {
    throw new ProjectViolationException(app.name(), rules.project(), violations);
  }
}
