package dev.driftless.reconcile;

import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Cluster;
import dev.driftless.apply.Hooks;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
import dev.driftless.apply.Selection;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.Redaction;
import dev.driftless.project.DestinationCluster;
import dev.driftless.project.ProjectRules;
import dev.driftless.project.Violation;
import dev.driftless.render.RenderException;
import dev.driftless.render.RenderOptions;
import dev.driftless.secrets.ReferenceScope;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.source.Revision;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync, a scan and a diff share once the source is fetched: render (for the destination's Kubernetes
 * version, so a chart reading {@code Capabilities.KubeVersion} plans what a sync applies), hold the result to the
 * Application's project, resolve secret references (within the project's prefixes), plan against the live
 * objects. The Application and AppProject documents of an app of apps are not objects to apply: they are planned
 * as registrations ({@link ChildPlanner}).
 */
final class Preparation {

  /**
   * The commit prepared, the destination's client (held until closed) and how its project sees it, the plan, and
   * the secret values to mask in all that is recorded, and the version ids those values were read at.
   */
  record Prepared(Revision revision, ClusterClients.Use use, DestinationCluster destination, Plan plan,
      Redaction redaction, Map<String, String> secretVersions, ChildPlan children) implements AutoCloseable {
    Cluster cluster() {
      return use.cluster();
    }

    /** Whether the plan and the children's plan find nothing to create, configure or prune. */
    boolean inSync() {
      return plan.changes().inSync() && children.inSync();
    }

    /** The plan's changes and the children's, as one change set. */
    ChangeSet changes() {
      return plan.changes().plus(children.changes());
    }

    @Override
    public void close() {
      use.close();
    }
  }

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;
  private final ChildPlanner children;

  Preparation(Reconciler.Parts parts, ReconcilerOptions options) {
    this.parts = parts;
    this.options = options;
    this.children = new ChildPlanner(parts);
  }

  /**
   * The rules of the Application's project, read fresh, and its source checked against them: before the
   * repository is fetched. A narrowed project refuses an Application registered under its older rules.
   */
  ProjectRules admit(Application app) {
    ProjectRules rules = parts.projects().rules(app.project(), parts.secrets().referencePrefix());
    new ProjectCheck(rules).source(app);
    return rules;
  }

  /**
   * Fails with the resolved values masked in its message when the plan fails. Before any secret is read, the
   * destination and every rendered object are held to the project, and references to its secret prefixes. With
   * {@code freshSecrets}, a cached secret value is used only while its version is still the current one. The plan
   * is the one the operation's {@code options} ask for: pruning and forcing as asked, only the objects selected.
   */
  Prepared prepare(Application registered, ProjectRules rules, Fetched fetched, Inventory previous,
      OperationOptions options, boolean freshSecrets) {
    return prepare(registered, rules, fetched, previous, options, freshSecrets, null);
  }

  /**
   * As above; with {@code violations} (a preview), objects the project refuses are left out of the plan and their
   * violations added there instead of refusing the whole.
   */
  Prepared prepare(Application registered, ProjectRules rules, Fetched fetched, Inventory previous,
      OperationOptions options, boolean freshSecrets, List<Violation> violations) {
    Application app = options.over(registered);
    ClusterRegistration registration = registration(app);
    ClusterClients.Use use = parts.clients().use(registration);
    try {
      Cluster cluster = use.cluster();
      ChildDocuments split = ChildDocuments.split(
          render(app, fetched, this.options.render().withKubeVersion(kubeVersion(cluster))));
      DestinationCluster destination = destination(registration, cluster);
      List<DesiredObject> rendered = split.objects();
      if (violations == null) {
        new ProjectCheck(rules).objects(app, destination, cluster.discovery(), rendered);
      } else {
        rendered = new ProjectCheck(rules).withoutRefused(app, destination, cluster.discovery(), rendered, violations);
      }
      // Planned also when the render holds none: children registered before are then pruned.
      ChildPlan childPlan = children.plan(ChildOwner.of(app), rules, destination, split.children());
      SecretResolver.Resolution resolved = parts.secrets().resolveAll(rendered,
          new ReferenceScope("project " + rules.project().name(), rules.secretReferencePrefixes()), freshSecrets);
      try {
        Plan plan = Selection.of(new Planner(cluster, this.options.apply(), resolved.masker())
            .plan(app, resolved.objects(), previous, options::selects), options);
        return new Prepared(fetched.revision(), use, destination, plan, resolved.masker(), resolved.versionIds(),
            childPlan);
      } catch (RuntimeException e) {
        throw ErrorText.redacted(e, resolved.masker());
      }
    } catch (RuntimeException e) {
      use.close();
      throw e;
    }
  }

  /** The hooks of one phase, ready to run, with the destination's client (held until closed). */
  record PreparedHooks(Revision revision, ClusterClients.Use use, List<DesiredObject> hooks, Redaction redaction)
      implements AutoCloseable {
    Cluster cluster() {
      return use.cluster();
    }

    @Override
    public void close() {
      use.close();
    }
  }

  /**
   * The hooks of {@code phase} alone, rendered, held to the project and their secret references resolved as
   * {@link #prepare} does, without planning the other objects: a hook that runs outside a sync (PreDelete) does not
   * depend on whether the rest of the render could be applied. None when the source's path is gone
   * ({@link #pathsGone}). Ownership is checked by the hook runner.
   */
  PreparedHooks prepareHooks(Application app, ProjectRules rules, Fetched fetched, Hooks.Phase phase) {
    ClusterRegistration registration = registration(app);
    ClusterClients.Use use = parts.clients().use(registration);
    try {
      Cluster cluster = use.cluster();
      if (pathsGone(app, fetched)) return new PreparedHooks(fetched.revision(), use, List.of(), Redaction.NONE);
      List<DesiredObject> hooks = ChildDocuments.split(
          render(app, fetched, this.options.render().withKubeVersion(kubeVersion(cluster)))).objects().stream()
          .filter(d -> Hooks.isHook(d.object()) && Hooks.phases(d.object()).contains(phase)).toList();
      new ProjectCheck(rules).objects(app, destination(registration, cluster), cluster.discovery(), hooks);
      SecretResolver.Resolution resolved = parts.secrets().resolveAll(hooks,
          new ReferenceScope("project " + rules.project().name(), rules.secretReferencePrefixes()), false);
      return new PreparedHooks(fetched.revision(), use, resolved.objects(), resolved.masker());
    } catch (RuntimeException e) {
      use.close();
      throw e;
    }
  }

  /**
   * Whether no rendered source's path is left in its checkout: an Application removed because its directory left
   * the repository (a Git directory generator's) has no hooks to run. A path that is there renders as any other.
   */
  private static boolean pathsGone(Application app, Fetched fetched) {
    for (int i = 0; i < app.sources().size(); i++) {
      Application.Source source = app.sources().get(i);
      if (!source.isRendered()) continue;
      String path = source.path() == null || source.path().isBlank() ? "." : source.path();
      Path root = app.isMultiSource() ? fetched.checkouts().get(i).root() : fetched.primary(app).root();
      if (Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) return false;
    }
    return true;
  }

  /**
   * Every rendered source's objects, each source rendered from its own checkout with Helm value files
   * {@code $ref/...} read from the sources that give those refs. Two sources rendering the same object fail the
   * render, naming both, rather than one silently winning.
   */
  private List<DesiredObject> render(Application app, Fetched fetched, RenderOptions render) {
    if (!app.isMultiSource()) {
      return parts.renderer().render(fetched.primary(app).root(), app, render);
    }
    Map<String, Path> refs = new HashMap<>();
    for (int i = 0; i < app.sources().size(); i++) {
      String ref = app.sources().get(i).ref();
      if (ref != null) refs.put(ref, fetched.checkouts().get(i).root());
    }
    Map<ObjectKey, Integer> renderedBy = new HashMap<>();
    List<DesiredObject> all = new ArrayList<>();
    for (int i = 0; i < app.sources().size(); i++) {
      Application.Source source = app.sources().get(i);
      if (!source.isRendered()) continue;
      List<DesiredObject> objects;
      try {
        objects = parts.renderer().render(fetched.checkouts().get(i).root(), app.withOnlySource(source), render,
            refs);
      } catch (RenderException e) {
        throw new RenderException("spec.sources[" + i + "] (" + source.repoURL() + "): " + e.getMessage(), e);
      }
      for (DesiredObject o : objects) {
        Integer earlier = renderedBy.putIfAbsent(o.key(), i);
        if (earlier != null) {
          throw new RenderException("application " + app.name() + ": " + o.key() + " is rendered by both"
              + " spec.sources[" + earlier + "] and spec.sources[" + i + "]");
        }
        all.add(o);
      }
    }
    return all;
  }

  /**
   * The destination as the project matches it: the registered name, and the server registered or, for a
   * kubeconfig registration, the one its client talks to.
   */
  private static DestinationCluster destination(ClusterRegistration registration, Cluster cluster) {
    String server = registration.server();
    if (server == null || server.isBlank()) {
      server = cluster.client().getMasterUrl().toString().replaceAll("/+$", "");
    }
    return new DestinationCluster(registration.name(), server);
  }

  private ClusterRegistration registration(Application app) {
    return parts.clusters().get(app.destination().cluster())
        .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
            + app.destination().cluster() + " is not registered"));
  }

  /** The destination's version (helm's Capabilities.KubeVersion), e.g. {@code v1.34.4}. */
  private static String kubeVersion(Cluster cluster) {
    return cluster.discovery().version();
  }
}
