package dev.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

/** ignoreDifferences jqPathExpressions in plans against a real API server, within their bounds. */
@LocalKubernetes
class JqIgnoreDifferencesIT {

  private static final String SETTINGS = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: blue, injected: "no"}
      """;

  private static Application app(TestNamespace ns, String expression) {
    return Manifests.app("shop", ns.name(), """
        syncPolicy: {automated: {prune: true}}
        ignoreDifferences:
          - kind: ConfigMap
            jqPathExpressions: ['%s']
        """.formatted(expression));
  }

  @Test
  void aFieldTheExpressionSelectsChangedInTheClusterIsNotDrift(TestNamespace ns) {
    Application app = app(ns, ".data | select(.mode == \"blue\") | .injected");
    Applier.Result first = Manifests.sync(ns.client(), app, Manifests.parse(SETTINGS), Inventory.EMPTY).result();
    ns.client().configMaps().inNamespace(ns.name()).withName("settings").edit(cm -> {
      cm.getData().put("injected", "by a webhook");
      return cm;
    });
    Cluster cluster = Cluster.of("c1", ns.client());
    ApplyOptions noFastPath = ApplyOptions.DEFAULTS.withFastPath(false);

    Plan plan = new Planner(cluster, noFastPath).plan(app, Manifests.parse(SETTINGS), first.inventory());
    assertThat(plan.changes().inSync()).as(plan.changes().summary()).isTrue();

    Application plain = Manifests.app("shop", ns.name());
    Plan drift = new Planner(cluster, noFastPath).plan(plain, Manifests.parse(SETTINGS), first.inventory());
    assertThat(drift.changes().inSync()).isFalse();
  }

  @Test
  void anExpressionThatDoesNotEndFailsThePlanNamingTheApplicationAndTheExpression(TestNamespace ns) {
    Application app = app(ns, ".data[range(1e12) | tostring]");
    assertThatThrownBy(() -> new Planner(Cluster.of("c1", ns.client()), ApplyOptions.DEFAULTS)
        .plan(app, Manifests.parse(SETTINGS), Inventory.EMPTY))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("application shop: ignoreDifferences jqPathExpressions '.data[range(1e12) | tostring]' "
            + "stopped on ConfigMap " + ns.name() + "/settings: it ")
        .hasMessageEndingWith("; simplify it");
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get()).isNull();
  }
}
