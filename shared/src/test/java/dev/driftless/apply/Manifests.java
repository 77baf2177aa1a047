package dev.driftless.apply;

import dev.driftless.fixture.SampleManifests;
import dev.driftless.health.HealthWaiter;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers: desired objects from YAML text, Applications for a namespace, the objects several apply tests
 * share, and one plan-then-apply sync.
 */
final class Manifests {

  /** ConfigMap settings. */
  static final String SETTINGS = SampleManifests.CONFIG;

  /** The sample Deployment web (2 replicas of registry.example/web:1.0), labelled tier: front. */
  static final String WEB = SampleManifests.DEPLOY.replace("metadata: {name: web}\n",
      "metadata: {name: web, labels: {tier: front}}\n");

  private Manifests() {}

  /** The plan of a sync and what applying it did. */
  record Synced(Plan plan, Applier.Result result) {}

  /** Plans, then applies, with the default options. */
  static Synced sync(KubernetesClient client, Application app, List<DesiredObject> desired, Inventory prev) {
    Cluster cluster = Cluster.of("c1", client);
    Plan plan = new Planner(cluster, ApplyOptions.DEFAULTS).plan(app, desired, prev);
    return new Synced(plan, applier(cluster).apply(plan, prev, deadline()));
  }

  /** An applier with the default options, waiting through a health waiter on the system clock. */
  static Applier applier(Cluster cluster) {
    return new Applier(cluster, ApplyOptions.DEFAULTS, waiter(cluster));
  }

  static HealthWaiter waiter(Cluster cluster) {
    return new HealthWaiter(cluster.client(), Clock.systemUTC(),
        HealthWaiter.Options.defaults().withPollInterval(Duration.ofMillis(200)));
  }

  /** A minute from now: how long a test's apply may wait (for CRDs, replaced objects, hooks). */
  static Instant deadline() {
    return Instant.now().plus(Duration.ofMinutes(1));
  }

  static List<DesiredObject> parse(String yaml) {
    List<DesiredObject> out = new ArrayList<>();
    int i = 0;
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) continue;
      GenericKubernetesResource r = Serialization.unmarshal(doc, GenericKubernetesResource.class);
      out.add(DesiredObject.of(r, "test.yaml#" + i++));
    }
    return out;
  }

  static Application app(String name, String namespace, String extraSpec) {
    String doc = """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: file:///repo, path: apps}
          destination: {cluster: c1, namespace: %s}
        %s
        """.formatted(name, namespace, extraSpec.indent(2));
    return new ApplicationParser().parse(doc, name);
  }

  static Application app(String name, String namespace) {
    return app(name, namespace, "syncPolicy: {automated: {prune: true}}");
  }
}
