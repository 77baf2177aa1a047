package dev.driftless.apply;

import dev.driftless.health.HealthWaiter;
import dev.driftless.health.Unreachable;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.SyncOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Writes a plan: server-side apply of the objects planned as create or configure, in {@link Stage}s (CRDs and
 * Namespaces first, waiting for CRDs to be Established; then by sync wave), requests within a stage in
 * parallel with a bound. A failed object fails its stage and later stages are not applied. Then the
 * {@link Pruner} deletes what the plan prunes. Returns the plan's change set with every outcome filled in, and
 * the inventory that follows from it. The inventory is stored through an {@link InventoryJournal} before the
 * first write and after the last, so a process killed mid-apply leaves every object it created prunable. Every
 * wait ends at the deadline the caller passes.
 */
public final class Applier {

  /**
   * The result of a sync: every change with its outcome, the next inventory, and, when a gate held a later
   * stage back, why and the sync wave of the first stage held (null when every stage was applied or the sync
   * failed).
   */
  public record Result(ChangeSet changes, Inventory inventory, String heldBack, boolean timedOut, Integer heldWave) {

    /** A result whose stages were all applied, or that failed. */
    public Result(ChangeSet changes, Inventory inventory, String heldBack, boolean timedOut) {
      this(changes, inventory, heldBack, timedOut, null);
    }

    public boolean waiting() {
      return heldBack != null;
    }
  }

  /**
   * Called after each apply stage that has a later one, with the stage's changes (applied and unchanged); a gate
   * may wait (for health) before the next wave starts, and answers why it holds to stop there: later stages are
   * left for a continued operation.
   */
  public interface StageGate {
    StageGate NONE = stage -> Verdict.OPEN;

    Verdict afterStage(List<Change> stage);
  }

  /**
   * A gate's answer: open, or held with the reason ({@code cluster unreachable: ...}, a wave still progressing),
   * and whether the hold is for good (the operation's time is up) or until a continuation.
   */
  public record Verdict(String heldBecause, boolean timedOut) {

    public static final Verdict OPEN = new Verdict(null, false);

    public static Verdict hold(String reason) {
      return new Verdict(Objects.requireNonNull(reason, "reason"), false);
    }

    public static Verdict timedOut(String reason) {
      return new Verdict(Objects.requireNonNull(reason, "reason"), true);
    }

    public boolean open() {
      return heldBecause == null;
    }
  }

  private final Cluster cluster;
  private final ApplyOptions options;
  private final StageGate gate;
  private final InventoryJournal journal;
  private final Deletion deletion;
  private final CrdEstablishment crds;

  public Applier(Cluster cluster, ApplyOptions options, HealthWaiter waiter, StageGate gate,
      InventoryJournal journal) {
    this.cluster = cluster;
    this.options = options;
    this.gate = gate;
    this.journal = journal;
    this.deletion = new Deletion(cluster, waiter);
    this.crds = new CrdEstablishment(cluster, waiter);
  }

  public Applier(Cluster cluster, ApplyOptions options, HealthWaiter waiter) {
    this(cluster, options, waiter, StageGate.NONE, InventoryJournal.NONE);
  }

  /**
   * Applies the plan over {@code previous}, the inventory as stored, waiting no later than {@code deadline}.
   * The journal gets the inventory ahead of the first write and again after the last, each time only when it
   * differs from what it last got.
   */
  public Result apply(Plan plan, Inventory previous, Instant deadline) {
    Inventory stored = store(previous, InventoryChanges.ahead(previous, plan.changes().changes()));
    Map<Stage, List<Change>> stages = new TreeMap<>();
    List<Change> done = new ArrayList<>();
    List<Change> prunes = new ArrayList<>();
    for (Change c : plan.changes().changes()) {
      switch (c.action()) {
        case CREATE, CONFIGURE, UNCHANGED -> stages.computeIfAbsent(Stage.of(c), k -> new ArrayList<>()).add(c);
        case PRUNE -> prunes.add(c);
        case SKIP -> done.add(c.outcome() == Outcome.PLANNED ? c.with(Outcome.SKIPPED, c.message(), c.resourceVersion()) : c);
      }
    }
    boolean failed = false;
    String held = null;
    Integer heldWave = null;
    boolean timedOut = false;
    int index = 0;
    for (Map.Entry<Stage, List<Change>> entry : stages.entrySet()) {
      List<Change> stage = entry.getValue();
      index++;
      if (held != null && heldWave == null) heldWave = entry.getKey().wave();
      if (failed || held != null) {
        String why = failed ? "not applied: an earlier stage failed"
            : timedOut ? "not applied: the sync timed out " + held : "waiting: " + held;
        stage.forEach(c -> done.add(c.action() == Action.UNCHANGED ? unchanged(c) : c.with(Outcome.SKIPPED, why, null)));
        continue;
      }
      List<Change> results = applyStage(stage, plan, deadline);
      if (results.stream().noneMatch(c -> c.outcome().isFailure())) {
        results = crds.await(results, deadline);
      }
      done.addAll(results);
      failed = results.stream().anyMatch(c -> c.outcome().isFailure());
      if (!failed && index < stages.size()) {
        Verdict verdict = gate.afterStage(results);
        held = verdict.heldBecause();
        timedOut = verdict.timedOut();
      }
    }
    String pruneHeld = failed || timedOut ? "not pruned: the sync " + (failed ? "failed" : "timed out")
        : held != null ? "not pruned yet: waiting for an earlier wave" : null;
    done.addAll(new Pruner(cluster, deletion).prune(plan.application(), prunes, pruneHeld));
    done.sort(SyncOrder.APPLY);
    return new Result(new ChangeSet(done), store(stored, InventoryChanges.after(previous, done)), held, timedOut,
        timedOut ? null : heldWave);
  }

  /**
   * CreateNamespace=true's namespace, applied ahead of the PreSync hooks that may run in it, as Argo CD creates
   * it before anything else: the plan's change for it with its outcome; empty when the plan creates none. The
   * inventory is not stored ahead for it: such a namespace is never pruned, and the next plan adopts it again by
   * its tracking id ({@link NamespaceCreation}) should the sync stop before its apply.
   */
  public Optional<Change> applyNamespaceFirst(Plan plan, Instant deadline) {
    return plan.changes().changes().stream()
        .filter(c -> (c.action() == Action.CREATE || c.action() == Action.CONFIGURE) && c.desired() != null
            && NamespaceCreation.ORIGIN.equals(c.desired().origin()))
        .findFirst().map(c -> applyOne(c, plan, deadline));
  }

  private static Change unchanged(Change c) {
    return c.with(Outcome.UNCHANGED, null, c.resourceVersion());
  }

  private Inventory store(Inventory stored, Inventory next) {
    if (!next.equals(stored)) journal.store(next);
    return next;
  }

  /** Applies the stage's creates and configures in parallel; its unchanged objects are written nothing. */
  private List<Change> applyStage(List<Change> stage, Plan plan, Instant deadline) {
    List<Callable<Change>> work = new ArrayList<>();
    for (Change c : stage) work.add(() -> c.action() == Action.UNCHANGED ? unchanged(c) : applyOne(c, plan, deadline));
    List<Change> out = new ArrayList<>();
    List<Parallel.Result<Change>> results = Parallel.run(work, options.parallelism());
    for (int i = 0; i < results.size(); i++) {
      Parallel.Result<Change> r = results.get(i);
      out.add(r.error() == null ? r.value()
          : stage.get(i).with(Outcome.FAILED, String.valueOf(r.error().getMessage()), null));
    }
    return out;
  }

  private Change applyOne(Change c, Plan plan, Instant deadline) {
    DesiredObject d = c.desired();
    SyncOptions opts = KubeObjects.syncOptions(d.object(), plan.application().syncPolicy().syncOptions());
    boolean force = opts.force() || c.force();
    try {
      ResourceDefinitionContext ctx = cluster.served(c.apiVersion(), c.key());
      if (c.action() == Action.CONFIGURE && opts.replace() && c.diff().startsWith("(immutable")) {
        return replace(ctx, c, force, c.message(), deadline);
      }
      return applied(c, c.message(), ssa(ctx, d, force));
    } catch (KubernetesClientException e) {
      if (Unreachable.is(e)) {
        return c.with(Outcome.FAILED, Unreachable.describe(e), null);
      }
      if (e.getCode() == 422 && opts.replace() && c.action() == Action.CONFIGURE) {
        try {
          return replace(cluster.served(c.apiVersion(), c.key()), c, force, "replaced", deadline);
        } catch (KubernetesClientException e2) {
          return c.with(Outcome.FAILED, "replace failed: " + KubeObjects.reason(e2), null);
        }
      }
      String hint = e.getCode() == 409 ? " (set the Force=true sync option to take the fields over)" : "";
      return c.with(Outcome.FAILED, "apply rejected: " + KubeObjects.reason(e) + hint, null);
    }
  }

  /** Replace=true: deletes the object, waits until it is gone, and applies it anew. */
  private Change replace(ResourceDefinitionContext ctx, Change c, boolean force, String message, Instant deadline) {
    if (!deletion.deleteAndAwaitGone(ctx, c.apiVersion(), c.key(), deadline)) {
      return c.with(Outcome.FAILED, "replace failed: the object was still being deleted at the deadline", null);
    }
    return applied(c, message, ssa(ctx, c.desired(), force));
  }

  private Change applied(Change c, String message, GenericKubernetesResource live) {
    return c.with(Outcome.APPLIED, message, live.getMetadata().getResourceVersion())
        .withOwned(OwnedFields.digest(live, options.fieldManager()));
  }

  private GenericKubernetesResource ssa(ResourceDefinitionContext ctx, DesiredObject d, boolean force) {
    var op = cluster.ops(ctx, d.key().namespace()).resource(d.object()).fieldManager(options.fieldManager());
    return force ? op.forceConflicts().serverSideApply() : op.serverSideApply();
  }
}
