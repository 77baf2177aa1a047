package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hooks of one phase (PreSync, Sync, PostSync, SyncFail) as Argo CD defines them: in wave, kind
 * and name order; an existing hook object is deleted first (BeforeHookCreation, the default) when it is this
 * Application's own earlier hook, and the hook fails, touching nothing, when it is anything else
 * ({@link HookTarget#checkReplaceable}); Jobs and Pods are waited on until they complete or fail, other kinds
 * are done once applied; then HookSucceeded or HookFailed delete them. Waiting stops at the deadline and says
 * which hook is still running, so the caller can continue later.
 */
public final class HookRunner {

  /** How a phase's hooks ended. */
  public enum Status {
    SUCCEEDED, FAILED, RUNNING;

    public boolean isTerminal() {
      return this != RUNNING;
    }
  }

  public record Result(Status status, List<Change> changes, String message) {}

  /** The operation that created a hook object: a continued operation resumes its own hooks. */
  public static final String OPERATION = "driftless.dev/hook-operation";

  private final Cluster cluster;
  private final ApplyOptions options;
  private final Clock clock;

  public HookRunner(Cluster cluster, ApplyOptions options, Clock clock) {
    this.cluster = cluster;
    this.options = options;
    this.clock = clock;
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
      HookTarget target = HookTarget.of(cluster, app, hook);
      DesiredObject placed = withOperation(target.hook(), operationId);
      ResourceDefinitionContext ctx = target.ctx()
          .orElseThrow(() -> new PlanException(placed + ": hook kind " + placed.apiVersion() + " "
              + placed.key().kind() + " is not served"));
      var res = cluster.ops(ctx, placed.key().namespace()).withName(placed.key().name());
      List<Hooks.DeletePolicy> policies = Hooks.deletePolicies(placed.object());
      Change change = Change.planned(placed, Action.CREATE, "", null, SyncOrder.waveOf(placed));
      try {
        GenericKubernetesResource existing = res.get();
        // Checked again here, not only in the plan: the object may have changed hands since.
        target.checkReplaceable(app, existing);
        boolean resumed = existing != null && operationId.equals(Planner.annotation(existing, OPERATION));
        if (!resumed) {
          // A continued operation finds its own hook still there and waits on it instead of starting again.
          if (existing != null && policies.contains(Hooks.DeletePolicy.BEFORE_HOOK_CREATION)) {
            res.withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            res.waitUntilCondition(Objects::isNull, remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
          }
          cluster.ops(ctx, placed.key().namespace()).resource(placed.object())
              .fieldManager(options.fieldManager()).forceConflicts().serverSideApply();
        }
      } catch (HookRefusedException e) {
        changes.add(change.with(Outcome.FAILED, e.getMessage(), null));
        return new Result(Status.FAILED, changes, phase + " " + e.getMessage());
      } catch (KubernetesClientException | IllegalStateException e) {
        changes.add(change.with(Outcome.FAILED, "hook could not be created: " + Planner.reason(asK8s(e)), null));
        return new Result(Status.FAILED, changes, placed + ": " + phase + " hook could not be created");
      }
      Status status = awaitCompletion(res, placed.key(), deadline);
      if (status == Status.RUNNING) {
        changes.add(change.with(Outcome.APPLIED, "still running", null));
        return new Result(Status.RUNNING, changes, placed + ": " + phase + " hook still running");
      }
      boolean ok = status == Status.SUCCEEDED;
      if ((ok && policies.contains(Hooks.DeletePolicy.HOOK_SUCCEEDED))
          || (!ok && policies.contains(Hooks.DeletePolicy.HOOK_FAILED))) {
        res.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      }
      changes.add(change.with(ok ? Outcome.APPLIED : Outcome.FAILED, ok ? "hook succeeded" : "hook failed", null));
      if (!ok) {
        return new Result(Status.FAILED, changes, placed + ": " + phase + " hook failed");
      }
    }
    return new Result(Status.SUCCEEDED, changes, null);
  }

  private static KubernetesClientException asK8s(RuntimeException e) {
    return e instanceof KubernetesClientException k ? k : new KubernetesClientException(e.getMessage());
  }

  /** The hook marked with the operation that creates it. */
  private static DesiredObject withOperation(DesiredObject hook, String operationId) {
    GenericKubernetesResource obj = Planner.copy(hook.object());
    Map<String, String> ann = new LinkedHashMap<>(obj.getMetadata().getAnnotations());
    ann.put(OPERATION, operationId);
    obj.getMetadata().setAnnotations(ann);
    return new DesiredObject(hook.key(), obj, hook.origin(), hook.digest());
  }

  private Status awaitCompletion(io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> res,
      ObjectKey key, Instant deadline) {
    if (!"Job".equals(key.kind()) && !"Pod".equals(key.kind())) {
      return Status.SUCCEEDED;
    }
    Duration left = remaining(deadline);
    try {
      GenericKubernetesResource done = res.waitUntilCondition(r -> r == null || completion(key, r) != Status.RUNNING,
          Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
      return done == null ? Status.FAILED : completion(key, done);
    } catch (io.fabric8.kubernetes.client.KubernetesClientTimeoutException e) {
      return Status.RUNNING;
    }
  }

  @SuppressWarnings("unchecked")
  static Status completion(ObjectKey key, GenericKubernetesResource r) {
    Map<String, Object> status = (Map<String, Object>) r.getAdditionalProperties().get("status");
    if (status == null) return Status.RUNNING;
    if ("Pod".equals(key.kind())) {
      Object phase = status.get("phase");
      return "Succeeded".equals(phase) ? Status.SUCCEEDED : "Failed".equals(phase) ? Status.FAILED : Status.RUNNING;
    }
    Object conds = status.get("conditions");
    if (conds instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c && "True".equals(c.get("status"))) {
          if ("Complete".equals(c.get("type"))) return Status.SUCCEEDED;
          if ("Failed".equals(c.get("type"))) return Status.FAILED;
        }
      }
    }
    return Status.RUNNING;
  }

  private Duration remaining(Instant deadline) {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
