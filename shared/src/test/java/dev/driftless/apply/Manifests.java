package dev.driftless.apply;

import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: desired objects from YAML text, and Applications for a namespace. */
final class Manifests {

  private Manifests() {}

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
