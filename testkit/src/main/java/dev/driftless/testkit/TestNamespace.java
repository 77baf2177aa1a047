package dev.driftless.testkit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.UUID;

/** A namespace of its own for one test, created before it and deleted after it. */
public final class TestNamespace implements AutoCloseable {

  private final KubernetesClient client;
  private final String name;

  TestNamespace(KubernetesClient client, String testName) {
    this.client = client;
    String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-$", "");
    }
    this.name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("driftless.dev/test", "true").endMetadata().build()).create();
  }

  public String name() {
    return name;
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.namespaces().withName(name).delete();
  }

  @Override
  public String toString() {
    return name;
  }
}
