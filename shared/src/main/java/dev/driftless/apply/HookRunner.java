package dev.driftless.apply;

import dev.driftless.health.Health;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the hooks of one phase (PreSync, Sync, PostSync, SyncFail, PreDelete) as Argo CD defines them: in wave, kind
 * and name order; an existing hook object is deleted first (BeforeHookCreation, the default) when it is this
 * Application's own earlier hook, and the hook fails, touching nothing, when it is anything else
 * ({@link HookTarget#checkReplaceable}); a hook named by generateName gets a name of its own per operation and
 * phase, and BeforeHookCreation deletes this Application's hooks made from that prefix by earlier operations;
 * Jobs and Pods are waited on through the health waiter and judged by
 * their health ({@link Status#of}), other kinds are done once applied; then HookSucceeded or HookFailed delete
 * them. Waiting stops at the deadline and says which hook is still running, so the caller can continue later.
 */
public final class HookRunner {

  /** How a phase's hooks ended. */
  public enum Status {
    SUCCEEDED, FAILED, RUNNING;

    /**
     * A finite hook's status from its health: Healthy succeeded; Progressing (the deadline came first) or
     * Suspended is still running, to be waited on again by the continued operation; Degraded failed, and so
     * did a hook that is gone (Missing) or cannot be read (Unknown).
     */
    static Status of(Health health) {
      return switch (health.status()) {
        case HEALTHY -> SUCCEEDED;
        case PROGRESSING, SUSPENDED -> RUNNING;
        case DEGRADED, MISSING, UNKNOWN -> FAILED;
      };
    }
  }

  public record Result(Status status, List<Change> changes, String message) {}

  /** The operation that created a hook object: a continued operation resumes its own hooks. */
  public static final String OPERATION = "driftless.dev/hook-operation";

  /** The kinds that run to completion; a hook of another kind is done once applied. */
  private static final Set<String> FINITE_KINDS = Set.of("Job", "Pod");

  private final Cluster cluster;
  private final ApplyOptions options;
  private final HealthWaiter waiter;
  private final Deletion deletion;

  public HookRunner(Cluster cluster, ApplyOptions options, HealthWaiter waiter) {
    this.cluster = cluster;
    this.options = options;
    this.waiter = waiter;
    this.deletion = new Deletion(cluster, waiter);
  }

  public Result run(Application app, List<DesiredObject> hooks, Hooks.Phase phase, Instant deadline,
      String operationId) {
    List<DesiredObject> mine = hooks.stream().filter(h -> Hooks.phases(h.object()).contains(phase))
        .sorted(Comparator.comparingInt(SyncOrder::waveOf)
            .thenComparingInt((DesiredObject h) -> SyncOrder.kindRank(h.key().kind()))
            .thenComparing(DesiredObject::key))
        .toList();
    List<Change> changes = new ArrayList<>();
    for (DesiredObject hook : mine) {
      HookTarget target = HookTarget.of(cluster, app, hook, operationId, phase);
      DesiredObject placed = withOperation(target.hook(), operationId);
      ResourceDefinitionContext ctx = target.ctx()
          .orElseThrow(() -> new PlanException(placed + ": hook kind " + placed.apiVersion() + " "
              + placed.key().kind() + " is not served"));
      List<Hooks.DeletePolicy> policies = Hooks.deletePolicies(placed.object());
      Change change = Change.planned(placed, Action.CREATE, "", null, SyncOrder.waveOf(placed));
      try {
        start(app, target, placed, ctx, policies, deadline, operationId);
      } catch (HookRefusedException e) {
        changes.add(change.with(Outcome.FAILED, e.getMessage(), null));
        return new Result(Status.FAILED, changes, phase + " " + e.getMessage());
      } catch (KubernetesClientException | IllegalStateException e) {
        String why = e instanceof KubernetesClientException k ? KubeObjects.reason(k) : e.getMessage();
        changes.add(change.with(Outcome.FAILED, "hook could not be created: " + why, null));
        return new Result(Status.FAILED, changes, placed + ": " + phase + " hook could not be created");
      }
      Status status = awaitCompletion(placed, deadline);
      if (status == Status.RUNNING) {
        changes.add(change.with(Outcome.APPLIED, "still running", null));
        return new Result(Status.RUNNING, changes, placed + ": " + phase + " hook still running");
      }
      boolean ok = status == Status.SUCCEEDED;
      if ((ok && policies.contains(Hooks.DeletePolicy.HOOK_SUCCEEDED))
          || (!ok && policies.contains(Hooks.DeletePolicy.HOOK_FAILED))) {
        deletion.delete(ctx, placed.key(), DeletionPropagation.BACKGROUND);
      }
      changes.add(change.with(ok ? Outcome.APPLIED : Outcome.FAILED, ok ? "hook succeeded" : "hook failed", null));
      if (!ok) {
        return new Result(Status.FAILED, changes, placed + ": " + phase + " hook failed");
      }
    }
    return new Result(Status.SUCCEEDED, changes, null);
  }

  /**
   * Creates the hook, replacing this Application's earlier one first, unless this operation created it already:
   * a continued operation waits on its own hook instead of starting it again.
   */
  private void start(Application app, HookTarget target, DesiredObject placed, ResourceDefinitionContext ctx,
      List<Hooks.DeletePolicy> policies, Instant deadline, String operationId) {
    GenericKubernetesResource existing = cluster.ops(ctx, placed.key().namespace()).withName(placed.key().name())
        .get();
    // Checked again here, not only in the plan: the object may have changed hands since.
    target.checkReplaceable(app, existing);
    if (existing != null && operationId.equals(KubeObjects.annotation(existing, OPERATION))) {
      return;
    }
    if (existing != null && policies.contains(Hooks.DeletePolicy.BEFORE_HOOK_CREATION)
        && !deletion.deleteAndAwaitGone(ctx, placed.apiVersion(), placed.key(), deadline)) {
      throw new IllegalStateException("the previous hook object was still being deleted at the deadline");
    }
    String prefix = KubeObjects.annotation(placed.object(), Annotations.HOOK_GENERATE_NAME);
    if (prefix != null && policies.contains(Hooks.DeletePolicy.BEFORE_HOOK_CREATION)) {
      deleteEarlier(app, ctx, placed, prefix, operationId);
    }
    cluster.ops(ctx, placed.key().namespace()).resource(placed.object())
        .fieldManager(options.fieldManager()).forceConflicts().serverSideApply();
  }

  /**
   * BeforeHookCreation for a hook named by generateName: the hooks earlier operations of this Application made
   * from the same prefix, kind and namespace are deleted (their names differ from the new one's, so nothing
   * waits for them to go). Another Application's objects and objects not marked as hooks are left alone.
   */
  private void deleteEarlier(Application app, ResourceDefinitionContext ctx, DesiredObject placed, String prefix,
      String operationId) {
    for (GenericKubernetesResource live : cluster.ops(ctx, placed.key().namespace()).list().getItems()) {
      ObjectKey.TrackedBy owner = ObjectKey.parseTrackingId(KubeObjects.annotation(live, Annotations.TRACKING_ID));
      boolean earlier = owner != null && owner.application().equals(app.name()) && Hooks.isHook(live)
          && prefix.equals(KubeObjects.annotation(live, Annotations.HOOK_GENERATE_NAME))
          && !operationId.equals(KubeObjects.annotation(live, OPERATION))
          && owner.key().name().equals(live.getMetadata().getName());
      if (earlier) {
        deletion.delete(ctx, owner.key(), DeletionPropagation.BACKGROUND);
      }
    }
  }

  /** The hook marked with the operation that creates it. */
  private static DesiredObject withOperation(DesiredObject hook, String operationId) {
    GenericKubernetesResource obj = KubeObjects.copy(hook.object());
    Map<String, String> ann = new LinkedHashMap<>(obj.getMetadata().getAnnotations());
    ann.put(OPERATION, operationId);
    obj.getMetadata().setAnnotations(ann);
    return new DesiredObject(hook.key(), obj, hook.origin(), hook.digest());
  }

  private Status awaitCompletion(DesiredObject hook, Instant deadline) {
    if (!FINITE_KINDS.contains(hook.key().kind())) {
      return Status.SUCCEEDED;
    }
    Health health = waiter.await(List.of(ObjectRef.of(hook)), deadline).objects().get(0).health();
    return Status.of(health);
  }
}
