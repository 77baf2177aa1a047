package dev.driftless.apply;

import dev.driftless.health.Unreachable;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.Redaction;
import dev.driftless.model.SyncOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides what a sync would do, writing nothing: one {@link Change} per object. Each desired object is
 * applied server-side as a dry run and compared with the live object after normalising; objects whose
 * digest and live resourceVersion both match the inventory skip the dry run (one list request per kind
 * and namespace instead of one request per object; see {@link #unchangedSince}); objects not in the inventory
 * and absent from that list skip the GET of the live object (a first sync costs a dry run and an apply per
 * object). Objects that left Git are planned for pruning when their tracking annotation names this
 * Application. Hooks are checked here too: a hook may replace only this Application's own earlier hook
 * ({@link HookPlanner}). With CreateNamespace=true the destination namespace is planned as one of the
 * Application's objects ({@link NamespaceCreation}).
 */
public final class Planner {

  /** Reads of a live object per plan, when controllers keep writing to it between the read and the dry run. */
  private static final int READS = 3;

  private final Cluster cluster;
  private final ApplyOptions options;
  private final Redaction redaction;

  public Planner(Cluster cluster, ApplyOptions options) {
    this(cluster, options, Redaction.NONE);
  }

  /** A planner whose diffs mask the resolved secret values {@code redaction} knows, in every kind and field. */
  public Planner(Cluster cluster, ApplyOptions options, Redaction redaction) {
    this.cluster = cluster;
    this.options = options;
    this.redaction = redaction;
  }

  public Plan plan(Application app, List<DesiredObject> rendered, Inventory previous) {
    return plan(app, rendered, previous, key -> true);
  }

  /**
   * The plan of a sync of the {@code selected} objects only: the others are not compared with the cluster (a dry run
   * of an object the sync leaves alone could only fail it) and come back skipped, still desired, so never pruned
   * ({@link Selection} then skips what else the sync must not touch).
   */
  public Plan plan(Application app, List<DesiredObject> rendered, Inventory previous, Predicate<ObjectKey> selected) {
    SyncOptions appOptions = app.syncPolicy().syncOptions();
    List<DesiredObject> hooks = new ArrayList<>();
    List<DesiredObject> desired = new ArrayList<>();
    for (DesiredObject d : rendered) {
      (Hooks.isHook(d.object()) ? hooks : desired).add(d);
    }
    if (desired.isEmpty() && !previous.isEmpty() && !app.syncPolicy().allowEmpty()) {
      throw new PlanException(app.name() + ": the render produced no objects; refusing to prune all "
          + previous.entries().size() + " objects of the previous sync (set syncPolicy.automated.allowEmpty "
          + "to allow it)");
    }
    List<DesiredObject> crds = desired.stream().filter(d -> "CustomResourceDefinition".equals(d.key().kind()))
        .toList();
    Set<String> namespacesInSet = desired.stream().filter(d -> d.key().kind().equals("Namespace")
        && d.key().group().isEmpty()).map(d -> d.key().name()).collect(Collectors.toSet());
    String createNamespace = appOptions.createNamespace() && !app.destination().namespace().isEmpty()
        && !namespacesInSet.contains(app.destination().namespace()) ? app.destination().namespace() : null;
    if (createNamespace != null) {
      new NamespaceCreation(cluster).desired(app, createNamespace).ifPresent(desired::add);
    }

    List<Target> targets = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (DesiredObject d : desired) {
      if (Hooks.generatesName(d.object())) {
        errors.add(d + ": metadata.name is required (metadata.generateName is accepted on hooks only)");
        continue;
      }
      try {
        targets.add(Target.prepare(cluster, app, d, crds));
      } catch (PlanException e) {
        errors.add(e.getMessage());
      }
    }
    failIfAny(app, errors);
    dedupe(app, targets);
    Set<ObjectKey> desiredKeys = targets.stream().map(t -> t.desired().key()).collect(Collectors.toSet());
    failIfAny(app, new HookPlanner(cluster).refusals(app, hooks, desiredKeys));

    Set<String> newNamespaces = new HashSet<>(namespacesInSet);
    if (createNamespace != null) newNamespaces.add(createNamespace);
    Map<String, Boolean> namespaceExists = new HashMap<>();
    LiveIndex live = new LiveIndex(cluster, options.fastPath(), options.fieldManager());
    Normalizer normalizer = new Normalizer(app.name(), app.ignoreDifferences());

    List<Callable<Change>> work = new ArrayList<>();
    for (Target t : targets) {
      if (!selected.test(t.desired().key())) {
        work.add(() -> Change.planned(t.desired(), Action.SKIP, "", null, t.wave())
            .with(Outcome.PLANNED, Selection.NOT_SELECTED, null));
        continue;
      }
      work.add(() -> {
        try {
          return planOne(app, t, live, normalizer, previous, newNamespaces, namespaceExists);
        } catch (KubernetesClientException e) {
          if (Unreachable.is(e)) throw new PlanException(Unreachable.describe(e) + " (planning " + t.desired() + ")");
          throw new PlanException(t.desired() + ": " + (e.getCode() == 403 ? "forbidden: " : "") + KubeObjects.reason(e));
        }
      });
    }
    List<Change> changes = new ArrayList<>();
    for (Parallel.Result<Change> r : Parallel.run(work, options.parallelism())) {
      if (r.error() != null) errors.add(r.error().getMessage());
      else changes.add(r.value());
    }
    failIfAny(app, errors);

    changes.addAll(new PrunePlanner(cluster, app).plan(previous, desiredKeys));
    changes.sort(SyncOrder.APPLY);
    return new Plan(app, new ChangeSet(changes), hooks);
  }

  private Change planOne(Application app, Target t, LiveIndex live, Normalizer normalizer, Inventory previous,
      Set<String> newNamespaces, Map<String, Boolean> namespaceExists) {
    DesiredObject d = t.desired();
    if (!t.served()) {
      return Change.planned(d, Action.CREATE, "(new kind: defined by a CustomResourceDefinition in this sync)",
          null, t.wave());
    }
    String ns = d.key().namespace();
    if (!ns.isEmpty() && newNamespaces.contains(ns) && !exists(ns, namespaceExists)) {
      return Change.planned(d, Action.CREATE, "(in a namespace this sync creates)", null, t.wave());
    }
    Inventory.Entry recorded = previous.get(d.key());
    Optional<LiveIndex.Seen> seen = live.lookup(t.ctx(), d.key(), recorded);
    if (seen.isPresent() && unchangedSince(recorded, d, seen.get(), app)) {
      // The recorded digest, not the live one: where none was recorded, none is vouched for now either.
      return Change.planned(d, Action.UNCHANGED, "", seen.get().resourceVersion(), t.wave())
          .withOwned(recorded.owned());
    }
    GenericKubernetesResource current = live.knownAbsent(t.ctx(), d.key()) ? null
        : cluster.ops(t.ctx(), ns).withName(d.key().name()).get();
    if (current != null) {
      ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(current, Annotations.TRACKING_ID));
      if (owner != null && !owner.application().equals(app.name())) {
        throw new PlanException(d + ": already tracked by application " + owner.application()
            + " (shared resource); remove it from one of them");
      }
    }
    SyncOptions objOptions = KubeObjects.syncOptions(d.object(), app.syncPolicy().syncOptions());
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource dryRun;
      String forcedOver = null;
      try {
        dryRun = dryRun(t, objOptions.force());
      } catch (KubernetesClientException e) {
        if (Unreachable.is(e)) throw e;
        if (e.getCode() == 409 && !objOptions.force()) {
          // Fields last written by imperative edits (kubectl edit, scale, patch: Update operations) are drift,
          // and Git wins, as in Argo CD and Flux. Fields another applier owns are a real ownership conflict.
          Conflicts conflicts = Conflicts.of(e, current);
          if (!conflicts.withAppliers().isEmpty()) {
            throw new PlanException(d + ": conflicts with another field manager: " + KubeObjects.reason(e)
                + " (set the Force=true sync option to take the fields over)");
          }
          forcedOver = "takes fields back from imperative edits by " + String.join(", ", conflicts.withUpdaters());
          try {
            dryRun = dryRun(t, true);
          } catch (KubernetesClientException e2) {
            throw new PlanException(d + ": rejected by the server: " + KubeObjects.reason(e2));
          }
        } else if (e.getCode() == 422 && objOptions.replace() && current != null) {
          return Change.planned(d, Action.CONFIGURE, "(immutable fields changed: will be replaced)",
              current.getMetadata().getResourceVersion(), t.wave());
        } else {
          throw new PlanException(d + ": rejected by the server: " + KubeObjects.reason(e));
        }
      }
      // The dry run answers with the resourceVersion of the object it applied to. Another one means a controller
      // wrote between the read and the dry run (a Deployment's revision annotation just after its creation): the
      // read is taken again, or the controller's write would show as drift.
      if (current == null || attempt == READS || Objects.equals(current.getMetadata().getResourceVersion(),
          dryRun.getMetadata().getResourceVersion())) {
        return compared(t, normalizer, current, dryRun, forcedOver);
      }
      current = cluster.ops(t.ctx(), ns).withName(d.key().name()).get();
    }
  }

  /** The change a dry run's answer makes of the live object it was applied to. */
  private Change compared(Target t, Normalizer normalizer, GenericKubernetesResource current,
      GenericKubernetesResource dryRun, String forcedOver) {
    DesiredObject d = t.desired();
    Map<String, Object> after = normalizer.normalize(dryRun, d.key(), current);
    if (current == null) {
      return Change.planned(d, Action.CREATE, Differ.diff(d.key().kind(), null, after, redaction), null, t.wave());
    }
    Map<String, Object> before = normalizer.normalize(current, d.key(), current);
    String diff = Differ.diff(d.key().kind(), before, after, redaction);
    Action action = diff.isEmpty() ? Action.UNCHANGED : Action.CONFIGURE;
    Change c = Change.planned(d, action, diff, current.getMetadata().getResourceVersion(), t.wave());
    if (action == Action.UNCHANGED && OwnedFields.same(current, dryRun, options.fieldManager())) {
      c = c.withOwned(OwnedFields.digest(current, options.fieldManager()));
    }
    return forcedOver != null && action == Action.CONFIGURE ? c.forced(forcedOver) : c;
  }

  /**
   * The fast path: the desired body is the one last applied, the object is still this Application's, and
   * either nothing wrote to it since (same resourceVersion) or only others' fields moved (the fields Driftless
   * owns are the ones it last saw, see {@link OwnedFields}): status, a controller's annotations, an HPA's
   * scale of replicas Driftless does not apply (RespectIgnoreDifferences) each move the resourceVersion
   * without being drift.
   */
  private static boolean unchangedSince(Inventory.Entry recorded, DesiredObject d, LiveIndex.Seen seen,
      Application app) {
    if (recorded == null || d.digest() == null || !d.digest().equals(recorded.digest())) {
      return false;
    }
    return FastPath.unchangedSince(recorded, app.name(), seen.trackedBy(), seen.resourceVersion(), seen::owned);
  }

  private GenericKubernetesResource dryRun(Target t, boolean force) {
    var op = cluster.ops(t.ctx(), t.desired().key().namespace()).resource(t.desired().object()).dryRun()
        .fieldManager(options.fieldManager());
    return force ? op.forceConflicts().serverSideApply() : op.serverSideApply();
  }

  private boolean exists(String namespace, Map<String, Boolean> cache) {
    synchronized (cache) {
      return cache.computeIfAbsent(namespace, n -> cluster.client().namespaces().withName(n).get() != null);
    }
  }

  private static void dedupe(Application app, List<Target> targets) {
    Map<ObjectKey, DesiredObject> seen = new HashMap<>();
    for (Target t : targets) {
      DesiredObject prev = seen.putIfAbsent(t.desired().key(), t.desired());
      if (prev != null) {
        throw new PlanException(app.name() + ": " + t.desired().key() + " is defined twice: in " + prev.origin()
            + " and in " + t.desired().origin());
      }
    }
  }

  private static void failIfAny(Application app, List<String> errors) {
    if (errors.isEmpty()) return;
    String shown = errors.stream().sorted().limit(10).collect(Collectors.joining("; "));
    throw new PlanException(errors.size() == 1 ? errors.get(0)
        : app.name() + ": " + errors.size() + " objects cannot be planned: " + shown);
  }
}
