package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The plan's fast path against a real API server: an object whose only writes since the apply were others'
 * (the Deployment controller's status and revision annotation) is unchanged without a dry run, and any write
 * to a field Driftless applied, by any route, is still seen as drift.
 */
@LocalKubernetes
class FastPathIT {

  private static final String WEB = Manifests.WEB + "---\n" + Manifests.SETTINGS;

  /** Counts the server-side dry runs a client sends. */
  private static final class DryRuns implements Interceptor {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String q = request.uri().getRawQuery();
      if (q != null && q.contains("dryRun=All")) count.incrementAndGet();
    }
  }

  private static Inventory firstSync(TestNamespace ns, Application app) {
    Applier.Result r = Manifests.sync(ns.client(), app, Manifests.parse(WEB), Inventory.EMPTY).result();
    assertThat(r.changes().failed()).as(r.changes().summary()).isFalse();
    return r.inventory();
  }

  private static ObjectKey web(TestNamespace ns) {
    return new ObjectKey("apps", "Deployment", ns.name(), "web");
  }

  /** Waits (bounded) until the Deployment controller has written to the object since the recorded apply. */
  private static void awaitControllerWrite(TestNamespace ns, Inventory inv) {
    String applied = inv.get(web(ns)).resourceVersion();
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").waitUntilCondition(
        d -> d != null && !applied.equals(d.getMetadata().getResourceVersion()) && d.getStatus() != null
            && d.getStatus().getObservedGeneration() != null, 60, TimeUnit.SECONDS);
  }

  private static Plan plan(TestNamespace ns, Application app, Inventory inv, DryRuns counter) {
    try (KubernetesClient counting = new KubernetesClientBuilder().withConfig(ns.client().getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("dry-runs", counter)).build()) {
      return new Planner(Cluster.of("c1", counting), ApplyOptions.DEFAULTS)
          .plan(app, Manifests.parse(WEB), inv);
    }
  }

  @Test
  void aControllerWriteBetweenTheReadAndTheDryRunIsNotDrift(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    firstSync(ns, app);
    // As a controller does just after a creation: an annotation of its own, written after the planner read the
    // object and before its dry run, once.
    AtomicBoolean wrote = new AtomicBoolean();
    Interceptor controller = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String q = request.uri().getRawQuery();
        if (q != null && q.contains("dryRun=All") && request.uri().getPath().endsWith("/deployments/web")
            && wrote.compareAndSet(false, true)) {
          ns.client().apps().deployments().inNamespace(ns.name()).withName("web").edit(d -> {
            d.getMetadata().getAnnotations().put("controller.example/seen", "yes");
            return d;
          });
        }
      }
    };
    Plan plan;
    try (KubernetesClient racing = new KubernetesClientBuilder().withConfig(ns.client().getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("controller", controller)).build()) {
      // Without an inventory: no fast path, every object is read and dry-run.
      plan = new Planner(Cluster.of("c1", racing), ApplyOptions.DEFAULTS).plan(app, Manifests.parse(WEB),
          Inventory.EMPTY);
    }
    assertThat(wrote).isTrue();
    Change web = plan.changes().find(web(ns)).orElseThrow();
    assertThat(web.action()).as(web.diff()).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void anObjectOnlyItsControllerWroteToSinceTheApplyIsUnchangedWithoutADryRun(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Inventory inv = firstSync(ns, app);
    assertThat(inv.get(web(ns)).owned()).isNotNull();
    awaitControllerWrite(ns, inv);

    DryRuns dryRuns = new DryRuns();
    Plan plan = plan(ns, app, inv, dryRuns);
    assertThat(plan.changes().inSync()).as(plan.changes().summary()).isTrue();
    assertThat(dryRuns.count).hasValue(0);
    // The new resourceVersion is recorded, so the next scan matches it outright.
    Change web = plan.changes().find(web(ns)).orElseThrow();
    assertThat(web.resourceVersion()).isNotEqualTo(inv.get(web(ns)).resourceVersion());
    assertThat(web.owned()).isEqualTo(inv.get(web(ns)).owned());
  }

  @Test
  void anImperativeEditOfAnAppliedFieldIsDriftEvenAfterControllerWrites(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Inventory inv = firstSync(ns, app);
    awaitControllerWrite(ns, inv);
    edit(ns, "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\","
        + "\"image\":\"registry.example/web:hotfix\"}]}}}}");
    ns.client().configMaps().inNamespace(ns.name()).withName("settings")
        .patch(patch(PatchType.JSON_MERGE), "{\"data\":{\"mode\":null}}");

    DryRuns dryRuns = new DryRuns();
    Plan plan = plan(ns, app, inv, dryRuns);
    Change web = plan.changes().find(web(ns)).orElseThrow();
    assertThat(web.action()).isEqualTo(Action.CONFIGURE);
    assertThat(web.diff()).contains("registry.example/web:hotfix").contains("registry.example/web:1.0");
    Change settings = plan.changes().find(new ObjectKey("", "ConfigMap", ns.name(), "settings")).orElseThrow();
    assertThat(settings.action()).isEqualTo(Action.CONFIGURE);
    assertThat(settings.diff()).contains("+  mode: blue");
    assertThat(dryRuns.count).as("both objects were dry-run, not vouched for by the fast path").hasValueGreaterThan(1);
  }

  @Test
  void aFieldEditedAndPutBackIsNotTrustedAgainUntilDriftlessAppliesIt(TestNamespace ns) {
    Application app = Manifests.app("shop", ns.name());
    Inventory inv = firstSync(ns, app);
    // Rolled out first, so the controller's writes do not move the resourceVersion between the plans below.
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").waitUntilCondition(
        d -> d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
            && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration()), 60, TimeUnit.SECONDS);
    edit(ns, tier("back-end"));
    edit(ns, tier("front"));

    // The label holds Git's value again, but another manager owns it now: unchanged, yet not vouched for.
    Plan same = plan(ns, app, inv, new DryRuns());
    Change web = same.changes().find(web(ns)).orElseThrow();
    assertThat(web.action()).isEqualTo(Action.UNCHANGED);
    assertThat(web.owned()).isNull();
    Inventory after = Manifests.applier(Cluster.of("c1", ns.client())).apply(same, inv, Manifests.deadline())
        .inventory();

    // A scan with nothing moved takes the fast path on the resourceVersion, and must not start vouching then.
    Plan again = plan(ns, app, after, new DryRuns());
    assertThat(again.changes().find(web(ns)).orElseThrow().owned()).isNull();
    after = Manifests.applier(Cluster.of("c1", ns.client())).apply(again, after, Manifests.deadline())
        .inventory();

    // So a later edit of that label, which Driftless's field set would no longer show, is still found.
    edit(ns, tier("edge"));
    Plan drift = plan(ns, app, after, new DryRuns());
    assertThat(drift.changes().find(web(ns)).orElseThrow().action()).isEqualTo(Action.CONFIGURE);
  }

  /**
   * An imperative edit of the Deployment (an Update, as kubectl edit or patch makes), without a
   * resourceVersion precondition: the Deployment controller writes to the object at the same time.
   */
  private static void edit(TestNamespace ns, String strategicMergePatch) {
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web")
        .patch(patch(PatchType.STRATEGIC_MERGE), strategicMergePatch);
  }

  private static PatchContext patch(PatchType type) {
    return new PatchContext.Builder().withPatchType(type).withFieldManager("kubectl-edit").build();
  }

  private static String tier(String value) {
    return "{\"metadata\":{\"labels\":{\"tier\":\"" + value + "\"}}}";
  }
}
