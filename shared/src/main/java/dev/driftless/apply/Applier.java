package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Writes a plan: server-side apply of the objects planned as create or configure, in stages (CRDs and
 * Namespaces first, waiting for CRDs to be Established; then by sync wave), requests within a stage in
 * parallel with a bound. A failed object fails its stage and later stages are not applied. Then prunes.
 * Returns the plan's change set with every outcome filled in, and the inventory that follows from it. The
 * inventory is stored through an {@link InventoryJournal} before the first write and after the last, so a
 * process killed mid-apply leaves every object it created prunable.
 */
public final class Applier {

  /** The result of a sync: every change with its outcome, and the next inventory. */
  public record Result(ChangeSet changes, Inventory inventory, boolean waiting) {}

  /**
   * Called after each apply stage that has a later one; a gate may wait (for health) before the next wave
   * starts, and answers false to stop there: later stages are left for a continued operation.
   */
  public interface StageGate {
    StageGate NONE = applied -> true;

    boolean afterStage(List<Change> applied);
  }

  private final Cluster cluster;
  private final ApplyOptions options;
  private final StageGate gate;
  private final InventoryJournal journal;

  public Applier(Cluster cluster, ApplyOptions options, StageGate gate, InventoryJournal journal) {
    this.cluster = cluster;
    this.options = options;
    this.gate = gate;
    this.journal = journal;
  }

  public Applier(Cluster cluster, ApplyOptions options, StageGate gate) {
    this(cluster, options, gate, InventoryJournal.NONE);
  }

  public Applier(Cluster cluster, ApplyOptions options) {
    this(cluster, options, StageGate.NONE, InventoryJournal.NONE);
  }

  /**
   * Applies the plan over {@code previous}, the inventory as stored. The journal gets the inventory ahead of
   * the first write and again after the last, each time only when it differs from what it last got.
   */
  public Result apply(Plan plan, Inventory previous) {
    Inventory stored = store(previous, InventoryChanges.ahead(previous, plan.changes().changes()));
    SyncOptions appOptions = SyncOptions.of(plan.application());
    Map<List<Integer>, List<Change>> stages = new TreeMap<>((a, b) -> {
      int c = Integer.compare(a.get(0), b.get(0));
      return c != 0 ? c : Integer.compare(a.get(1), b.get(1));
    });
    List<Change> done = new ArrayList<>();
    List<Change> prunes = new ArrayList<>();
    for (Change c : plan.changes().changes()) {
      switch (c.action()) {
        case CREATE, CONFIGURE -> stages.computeIfAbsent(List.of(SyncOrder.phase(c.key()), c.wave()),
            k -> new ArrayList<>()).add(c);
        case UNCHANGED -> done.add(c.with(Outcome.UNCHANGED, null, c.resourceVersion()));
        case PRUNE -> prunes.add(c);
        case SKIP -> done.add(c.outcome() == Outcome.PLANNED ? c.with(Outcome.SKIPPED, c.message(), c.resourceVersion()) : c);
      }
    }
    boolean failed = false;
    boolean waiting = false;
    int index = 0;
    for (List<Change> stage : stages.values()) {
      index++;
      if (failed || waiting) {
        String why = failed ? "not applied: an earlier stage failed" : "waiting: an earlier wave is still progressing";
        stage.forEach(c -> done.add(c.with(Outcome.SKIPPED, why, null)));
        continue;
      }
      List<Change> results = applyStage(stage, plan);
      done.addAll(results);
      failed = results.stream().anyMatch(c -> c.outcome().isFailure());
      if (!failed) {
        waitForCrds(results);
        waiting = index < stages.size() && !gate.afterStage(results);
      }
    }
    boolean mayPrune = plan.application().syncPolicy().prune();
    List<Change> pruneOrder = new ArrayList<>(prunes);
    pruneOrder.sort(java.util.Comparator.comparing((Change c) -> pruneLast(c, appOptions))
        .thenComparing(SyncOrder.PRUNE));
    for (Change c : pruneOrder) {
      if (c.outcome() != Outcome.PLANNED) {
        done.add(c);
      } else if (failed || waiting) {
        done.add(c.with(Outcome.SKIPPED, failed ? "not pruned: the sync failed" : "not pruned yet: waiting for "
            + "an earlier wave", c.resourceVersion()));
      } else if (!mayPrune) {
        done.add(c.with(Outcome.SKIPPED, c.message() == null ? "requires pruning" : c.message(), c.resourceVersion()));
      } else {
        done.add(prune(c, appOptions));
      }
    }
    done.sort(SyncOrder.APPLY);
    ChangeSet result = new ChangeSet(done);
    return new Result(result, store(stored, InventoryChanges.after(previous, done)), waiting);
  }

  private Inventory store(Inventory stored, Inventory next) {
    if (!next.equals(stored)) journal.store(next);
    return next;
  }

  private static boolean pruneLast(Change c, SyncOptions appOptions) {
    return c.desired() != null ? appOptions.forObject(c.desired().object()).pruneLast() : appOptions.pruneLast();
  }

  private List<Change> applyStage(List<Change> stage, Plan plan) {
    List<Callable<Change>> work = new ArrayList<>();
    for (Change c : stage) work.add(() -> applyOne(c, plan));
    List<Change> out = new ArrayList<>();
    List<Parallel.Result<Change>> results = Parallel.run(work, options.parallelism());
    for (int i = 0; i < results.size(); i++) {
      Parallel.Result<Change> r = results.get(i);
      out.add(r.error() == null ? r.value()
          : stage.get(i).with(Outcome.FAILED, String.valueOf(r.error().getMessage()), null));
    }
    return out;
  }

  private Change applyOne(Change c, Plan plan) {
    DesiredObject d = c.desired();
    ResourceDefinitionContext ctx = resolve(c);
    SyncOptions opts = SyncOptions.of(plan.application()).forObject(d.object());
    try {
      if (c.action() == Action.CONFIGURE && opts.replace() && c.diff().startsWith("(immutable")) {
        deleteAndWait(ctx, c);
      }
      GenericKubernetesResource applied = ssa(ctx, d, opts.force() || c.force());
      return applied(c, c.message(), applied);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 422 && opts.replace() && c.action() == Action.CONFIGURE) {
        try {
          deleteAndWait(ctx, c);
          GenericKubernetesResource applied = ssa(ctx, d, opts.force() || c.force());
          return applied(c, "replaced", applied);
        } catch (KubernetesClientException e2) {
          return c.with(Outcome.FAILED, "replace failed: " + Planner.reason(e2), null);
        }
      }
      String hint = e.getCode() == 409 ? " (set the Force=true sync option to take the fields over)" : "";
      return c.with(Outcome.FAILED, "apply rejected: " + Planner.reason(e) + hint, null);
    }
  }

  private Change applied(Change c, String message, GenericKubernetesResource live) {
    return c.with(Outcome.APPLIED, message, live.getMetadata().getResourceVersion())
        .withOwned(OwnedFields.digest(live, options.fieldManager()));
  }

  private GenericKubernetesResource ssa(ResourceDefinitionContext ctx, DesiredObject d, boolean force) {
    var op = cluster.ops(ctx, d.key().namespace()).resource(d.object()).fieldManager(options.fieldManager());
    return force ? op.forceConflicts().serverSideApply() : op.serverSideApply();
  }

  private void deleteAndWait(ResourceDefinitionContext ctx, Change c) {
    var res = cluster.ops(ctx, c.key().namespace()).withName(c.key().name());
    res.withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
    res.waitUntilCondition(java.util.Objects::isNull, 60, TimeUnit.SECONDS);
  }

  private ResourceDefinitionContext resolve(Change c) {
    return cluster.discovery().find(c.apiVersion(), c.key().kind())
        .orElseThrow(() -> new KubernetesClientException(c.key() + ": " + c.apiVersion() + " "
            + c.key().kind() + " is not served"));
  }

  /** Waits for applied CRDs to be Established, then forgets cached discovery of the groups they serve. */
  @SuppressWarnings("unchecked")
  private void waitForCrds(List<Change> applied) {
    for (Change c : applied) {
      if (!"CustomResourceDefinition".equals(c.key().kind())) continue;
      var crd = cluster.client().apiextensions().v1().customResourceDefinitions().withName(c.key().name());
      crd.waitUntilCondition(x -> x != null && x.getStatus() != null && x.getStatus().getConditions() != null
          && x.getStatus().getConditions().stream()
              .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
          options.crdEstablishTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Object> spec = (Map<String, Object>) c.desired().object().getAdditionalProperties().get("spec");
      Object versions = spec == null ? null : spec.get("versions");
      if (versions instanceof List<?> vs) {
        for (Object v : vs) {
          if (v instanceof Map<?, ?> vm) cluster.discovery().forget(spec.get("group") + "/" + vm.get("name"));
        }
      }
    }
  }

  private Change prune(Change c, SyncOptions appOptions) {
    SyncOptions opts = c.desired() != null ? appOptions.forObject(c.desired().object()) : appOptions;
    var policy = switch (opts.prunePropagationPolicy()) {
      case "background" -> io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND;
      case "orphan" -> io.fabric8.kubernetes.api.model.DeletionPropagation.ORPHAN;
      default -> io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND;
    };
    try {
      ResourceDefinitionContext ctx = resolve(c);
      var res = cluster.ops(ctx, c.key().namespace()).withName(c.key().name());
      res.withPropagationPolicy(policy).delete();
      return c.with(Outcome.PRUNED, null, null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return c.with(Outcome.PRUNED, "already gone", null);
      return c.with(Outcome.FAILED, "delete failed: " + Planner.reason(e), c.resourceVersion());
    }
  }

}
