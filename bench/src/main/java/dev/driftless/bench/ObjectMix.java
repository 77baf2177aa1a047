package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * A realistic set of objects for the apply benchmark, one YAML file per object as a repository would hold
 * them. Every ten objects: 3 ConfigMaps, 2 Secrets, 2 Services, 2 Deployments (one replica each; kwok runs
 * their pods), 1 ServiceAccount, spread round-robin over the given namespaces. Revision 2 changes one object
 * in every ten (10%, rotating over the kinds): a data value, a pod template annotation (a rollout), or an
 * annotation. The Deployments carry no readiness probe: kwok would keep such pods NotReady.
 */
public final class ObjectMix {

  private ObjectMix() {}

  /** True for the objects revision 2 changes. */
  static boolean changedInRevision2(int i) {
    return i % 10 == (i / 10) % 10;
  }

  /** Writes the objects of a revision into an empty directory, one file each. */
  public static Path write(Path dir, int count, List<String> namespaces, int revision) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      for (int i = 0; i < count; i++) {
        String ns = namespaces.get(i % namespaces.size());
        String rev = revision >= 2 && changedInRevision2(i) ? String.valueOf(revision) : "1";
        Files.writeString(dir.resolve(String.format("%05d-%s.yaml", i, kindOf(i).toLowerCase())),
            manifest(i, ns, rev), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark's objects to " + dir, e);
    }
  }

  /** The desired objects read from a directory written by {@link #write}, in file order. */
  public static List<DesiredObject> read(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<DesiredObject> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        GenericKubernetesResource r = Serialization.unmarshal(Files.readString(f), GenericKubernetesResource.class);
        out.add(DesiredObject.of(r, f.getFileName().toString()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark's objects from " + dir, e);
    }
  }

  static String kindOf(int i) {
    return switch (i % 10) {
      case 0, 1, 2 -> "ConfigMap";
      case 3, 4 -> "Secret";
      case 5, 6 -> "Service";
      case 7, 8 -> "Deployment";
      default -> "ServiceAccount";
    };
  }

  static String manifest(int i, String ns, String rev) {
    String name = String.format("app-%05d", i);
    String app = String.format("app-%05d", i - i % 10 + 7); // the block's first Deployment
    String labels = "{app.kubernetes.io/name: " + app + ", app.kubernetes.io/part-of: bench, tier: backend}";
    String meta = "metadata:\n  name: " + name + "\n  namespace: " + ns + "\n  labels: " + labels
        + "\n  annotations: {bench.driftless.dev/revision: \"" + rev + "\", owner: team-" + (i % 7) + "}\n";
    return switch (kindOf(i)) {
      case "ConfigMap" -> "apiVersion: v1\nkind: ConfigMap\n" + meta + """
          data:
            revision: "%s"
            LOG_LEVEL: info
            FEATURE_FLAGS: "search,checkout,recommendations"
            application.properties: |
              server.port=8080
              cache.ttl=300
              upstream.url=http://%s.%s.svc:80
          """.formatted(rev, app, ns);
      case "Secret" -> "apiVersion: v1\nkind: Secret\n" + meta + """
          type: Opaque
          data:
            username: %s
            password: %s
            revision: %s
          """.formatted(b64("svc-" + i), b64("not-a-real-password-" + i), b64(rev));
      case "Service" -> "apiVersion: v1\nkind: Service\n" + meta + """
          spec:
            type: ClusterIP
            selector: {app.kubernetes.io/name: %s}
            ports:
              - {name: http, port: 80, targetPort: 8080, protocol: TCP}
              - {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}
          """.formatted(app);
      case "Deployment" -> "apiVersion: apps/v1\nkind: Deployment\n" + meta + """
          spec:
            replicas: 1
            selector: {matchLabels: {app.kubernetes.io/name: %1$s, bench.driftless.dev/deployment: %2$s}}
            template:
              metadata:
                labels: {app.kubernetes.io/name: %1$s, bench.driftless.dev/deployment: %2$s}
                annotations: {bench.driftless.dev/revision: "%3$s"}
              spec:
                containers:
                  - name: app
                    image: registry.example/shop/%2$s:1.4.2
                    ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]
                    env:
                      - {name: LOG_LEVEL, value: info}
                      - {name: REVISION, value: "%3$s"}
                    resources:
                      requests: {cpu: 50m, memory: 64Mi}
                      limits: {memory: 128Mi}
          """.formatted(app, name, rev);
      default -> "apiVersion: v1\nkind: ServiceAccount\n" + meta + "automountServiceAccountToken: false\n";
    };
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
