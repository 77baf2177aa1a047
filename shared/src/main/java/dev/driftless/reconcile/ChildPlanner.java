package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.Outcome;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.ObjectKey;
import dev.driftless.project.DestinationCluster;
import dev.driftless.project.Project;
import dev.driftless.project.ProjectNotFoundException;
import dev.driftless.project.ProjectParser;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.Violation;
import dev.driftless.source.SourceException;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ProjectStore;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans an app of apps' children, writing nothing. Each child document is hostile, as an API registration is: it
 * must parse, name a repository and credentials the source stage accepts, and fit its project's rules. Beyond
 * that, because whoever commits to the parent's source writes it:
 *
 * <ul>
 *   <li>the parent's project must allow the document as an object: kind {@code argoproj.io/Application} (or
 *       {@code AppProject}) in its namespace (the parent's destination namespace when it names none), as Argo CD's
 *       project checks the Application resources an app of apps applies;
 *   <li>a child Application stays in the parent's project, or in a project this parent registers itself (whose
 *       registration the parent's project allowed);
 *   <li>a name held by anyone else (a user's registration, another parent's child, the parent itself) is never
 *       taken over; nor is the {@code default} project, which every Application without a project uses.
 * </ul>
 *
 * One {@link ChildRefusedException} lists every refusal. Children registered before and gone from the render are
 * planned for pruning.
 */
final class ChildPlanner {

  private final Reconciler.Parts parts;
  private final ApplicationParser applications = new ApplicationParser();
  private final ProjectParser projects = new ProjectParser();

  ChildPlanner(Reconciler.Parts parts) {
    this.parts = parts;
  }

  ChildPlan plan(ChildOwner parent, ProjectRules parentRules, DestinationCluster destination,
      List<DesiredObject> documents) {
    String owner = parent.id();
    List<String> refusals = new ArrayList<>();
    List<ChildPlan.Child> out = new ArrayList<>();
    Map<String, Project> rendered = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (DesiredObject d : documents) {
      String what = d.key().kind() + " " + d.key().name() + (d.origin().isEmpty() ? "" : " (" + d.origin() + ")");
      if (seen.put(d.key().kind() + "/" + d.key().name(), what) != null) {
        refusals.add(what + ": rendered twice");
        continue;
      }
      if (parent.namespace() != null) {
        parentRules.checkObject(asObject(parent, d), true, destination)
            .ifPresent(v -> refusals.add(what + ": " + v.rule()));
      }
    }
    for (DesiredObject d : of(documents, ChildDocuments.PROJECT)) {
      if (!parent.projects()) {
        refusals.add("AppProject " + d.key().name() + ": " + parent.describe() + " registers no projects");
        continue;
      }
      try {
        out.add(project(owner, d, rendered));
      } catch (DriftlessException e) {
        refusals.add(e.getMessage());
      }
    }
    for (DesiredObject d : of(documents, ChildDocuments.APPLICATION)) {
      try {
        out.add(application(parent, owner, d, rendered));
      } catch (DriftlessException e) {
        refusals.add(e.getMessage());
      }
    }
    if (!refusals.isEmpty()) throw new ChildRefusedException(parent.describe(), refusals);
    out.addAll(pruned(parent, owner, seen));
    return new ChildPlan(out);
  }

  private static List<DesiredObject> of(List<DesiredObject> documents, String kind) {
    return documents.stream().filter(d -> d.key().kind().equals(kind)).toList();
  }

  /** The child document as the object the parent's project judges: in its namespace, else the destination's. */
  private static ObjectKey asObject(ChildOwner parent, DesiredObject d) {
    String ns = d.key().namespace().isEmpty() ? parent.namespace() : d.key().namespace();
    return new ObjectKey("argoproj.io", d.key().kind(), ns, d.key().name());
  }

  private ChildPlan.Child project(String owner, DesiredObject d, Map<String, Project> rendered) {
    String what = "AppProject " + d.key().name() + origin(d);
    String document = Serialization.asJson(d.object());
    Project p = projects.parse(document, what);
    if (p.name().equals(Project.DEFAULT)) {
      throw new DriftlessException(what + ": the default project is not registered by an app of apps");
    }
    Optional<ProjectStore.Stored> stored = parts.projects().store().get(p.name());
    stored.ifPresent(s -> ownedBy(what, owner, s.owner()));
    rendered.put(p.name(), p);
    return child(ChildDocuments.PROJECT, p.name(), document, d, stored.map(ProjectStore.Stored::document),
        stored.map(ProjectStore.Stored::version).orElse(0L));
  }

  private ChildPlan.Child application(ChildOwner parent, String owner, DesiredObject d,
      Map<String, Project> rendered) {
    String what = "Application " + d.key().name() + origin(d);
    String document = Serialization.asJson(d.object());
    Application app = applications.parse(document, what);
    Optional<ApplicationStore.Stored> stored = parts.applications().get(app.name());
    if (ApplicationStore.parentOwner(app.name()).equals(parent.id())) {
      throw new DriftlessException(what + ": is the parent itself");
    }
    stored.ifPresent(s -> ownedBy(what, owner, s.owner()));
    try {
      parts.source().rules().checkRepository(app.source().repoURL());
      parts.source().rules().checkCredentialsName(app.source().repoURL(), app.source().credentials());
    } catch (SourceException e) {
      throw new DriftlessException(what + ": spec.source: " + e.getMessage());
    }
    ProjectRules rules = rules(what, parent, owner, app.project(), rendered);
    List<Violation> refused = rules.checkApplication(app, parts.clusters().get(app.destination().cluster())
        .orElse(null));
    if (!refused.isEmpty()) {
      throw new DriftlessException(what + ": refused by project " + app.project() + ": "
          + String.join("; ", refused.stream().map(Violation::toString).toList()));
    }
    return child(ChildDocuments.APPLICATION, app.name(), document, d,
        stored.map(ApplicationStore.Stored::document), stored.map(ApplicationStore.Stored::version).orElse(0L));
  }

  /**
   * The rules of a child's project: the parent's own, or one this parent registers (in this render or before);
   * any other project is refused, so a commit cannot place an Application where the parent could not deploy.
   */
  private ProjectRules rules(String what, ChildOwner parent, String owner, String project,
      Map<String, Project> rendered) {
    String refs = parts.secrets().referencePrefix();
    if (rendered.containsKey(project)) return new ProjectRules(rendered.get(project), refs);
    boolean ours = project.equals(parent.project()) || parts.projects().store().get(project)
        .map(s -> owner.equals(s.owner())).orElse(false);
    if (!ours) {
      throw new DriftlessException(what + ": spec.project " + project + " is neither the parent's project "
          + parent.project() + " nor one the parent registers");
    }
    try {
      return parts.projects().rules(project, refs);
    } catch (ProjectNotFoundException e) {
      throw new DriftlessException(what + ": spec.project: " + e.getMessage());
    }
  }

  private static void ownedBy(String what, String owner, String found) {
    if (!owner.equals(found)) {
      throw new DriftlessException(what + ": the name is already registered "
          + (found == null ? "by a user" : "by " + found) + "; an app of apps never takes a registration over");
    }
  }

  private static ChildPlan.Child child(String kind, String name, String document, DesiredObject d,
      Optional<String> stored, long version) {
    Action action = stored.isEmpty() ? Action.CREATE : stored.get().equals(document) ? Action.UNCHANGED
        : Action.CONFIGURE;
    ObjectKey key = new ObjectKey(d.key().group(), kind, "", name);
    Change change = new Change(key, d.apiVersion(), action, Outcome.PLANNED, null, null, d.digest(), null, null, 0,
        false, d);
    return new ChildPlan.Child(kind, name, document, version, false, change);
  }

  /** Children this parent registered that its render no longer holds: pruned, as its other objects would be. */
  private List<ChildPlan.Child> pruned(ChildOwner parent, String owner, Map<String, String> seen) {
    List<ChildPlan.Child> out = new ArrayList<>();
    for (String name : parts.applications().ownedBy(owner)) {
      if (seen.containsKey(ChildDocuments.APPLICATION + "/" + name)) continue;
      parts.applications().get(name).ifPresent(s -> out.add(prune(parent, ChildDocuments.APPLICATION, name,
          s.version(), !parent.preserveResources() && ChildFinalizer.cascades(s.document()))));
    }
    for (String name : parts.projects().store().ownedBy(owner)) {
      if (seen.containsKey(ChildDocuments.PROJECT + "/" + name)) continue;
      parts.projects().store().get(name).ifPresent(s -> out.add(prune(parent, ChildDocuments.PROJECT, name,
          s.version(), false)));
    }
    return out;
  }

  private static ChildPlan.Child prune(ChildOwner parent, String kind, String name, long version, boolean cascade) {
    String message = !parent.prune() ? "requires pruning (the application does not prune automatically)"
        : cascade ? "its resources are deleted with it (" + ChildFinalizer.RESOURCES + ")"
        : parent.preserveResources() ? "its resources stay (preserveResourcesOnDeletion)"
        : "its resources stay (no " + ChildFinalizer.RESOURCES + ")";
    Change change = new Change(new ObjectKey("argoproj.io", kind, "", name), "argoproj.io/v1alpha1", Action.PRUNE,
        Outcome.PLANNED, null, message, null, null, null, 0, false, null);
    return new ChildPlan.Child(kind, name, null, version, cascade, change);
  }

  private static String origin(DesiredObject d) {
    return d.origin().isEmpty() ? "" : " (" + d.origin() + ")";
  }
}
