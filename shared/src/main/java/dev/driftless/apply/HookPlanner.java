package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a plan's hooks before anything is written: a hook may not share its name with one of the
 * Application's regular objects, and may replace only this Application's own earlier hook
 * ({@link HookTarget#checkReplaceable}). A hook of a kind this sync defines is checked when it runs; so is
 * every hook, again, in case the object changed hands after the plan, and a hook named by generateName, whose
 * name each operation makes anew. Hooks that run in no phase (Skip, Helm test hooks) are not checked.
 */
final class HookPlanner {

  private final Cluster cluster;

  HookPlanner(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One message per hook that may not run, naming the object and what owns it; empty when all may. */
  List<String> refusals(Application app, List<DesiredObject> hooks, Set<ObjectKey> desired) {
    List<String> out = new ArrayList<>();
    for (DesiredObject hook : hooks) {
      // A generated name is new for each operation: nothing can hold it yet (the run checks again).
      if (Hooks.runsNever(hook.object()) || Hooks.generatesName(hook.object())) continue;
      HookTarget target = HookTarget.of(cluster, app, hook);
      if (desired.contains(target.key())) {
        out.add(target.hook() + ": hook refused: application " + app.name()
            + " also defines it as a regular object");
        continue;
      }
      if (target.ctx().isEmpty()) continue;
      try {
        GenericKubernetesResource live = cluster.ops(target.ctx().get(), target.key().namespace())
            .withName(target.key().name()).get();
        target.checkReplaceable(app, live);
      } catch (HookRefusedException e) {
        out.add(e.getMessage());
      } catch (KubernetesClientException e) {
        out.add(target.hook() + ": cannot read it to check the hook's ownership: " + KubeObjects.reason(e));
      }
    }
    return out;
  }
}
