package dev.driftless.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local Kubernetes control planes started by {@code scripts/cluster up} (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok nodes) and stopped by {@code scripts/cluster down}.
 * Clusters are named {@code c1}, {@code c2}, ... Each has two users, {@code admin} ({@link #kubeconfig}) and
 * {@code driftless} ({@link #driftlessKubeconfig}), and sends its audit events, with {@link #auditToken}, to the
 * URL last given to {@link #sendAuditTo} (nowhere until then).
 */
public final class LocalClusters implements AutoCloseable {

  private final TestTools tools;
  private final Path dir;
  private final Map<String, Path> kubeconfigs;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  private LocalClusters(TestTools tools, Path dir, Map<String, Path> kubeconfigs) {
    this.tools = tools;
    this.dir = dir;
    this.kubeconfigs = kubeconfigs;
  }

  public static LocalClusters start(TestTools tools, int clusters) {
    Path dir;
    try {
      dir = Files.createTempDirectory("driftless-clusters-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = List.of(tools.repoRoot().resolve("scripts/cluster").toString(), "up",
        "--dir", dir.toString(), "--clusters", Integer.toString(clusters));
    String out = Processes.run(cmd, tools.repoRoot(), Duration.ofMinutes(5));
    Map<String, Path> kubeconfigs = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("DRIFTLESS_KUBECONFIG_C")) {
        String[] kv = line.split("=", 2);
        String name = "c" + kv[0].substring("DRIFTLESS_KUBECONFIG_C".length());
        kubeconfigs.put(name, Path.of(kv[1].strip()));
      }
    }
    if (kubeconfigs.size() != clusters) {
      throw new IllegalStateException("scripts/cluster up reported " + kubeconfigs.keySet() + "\n" + out);
    }
    System.err.println("[testkit] " + out.lines().filter(l -> l.contains("up:")).findFirst().orElse(""));
    return new LocalClusters(tools, dir, kubeconfigs);
  }

  public List<String> names() {
    return new ArrayList<>(kubeconfigs.keySet());
  }

  public Path kubeconfig(String cluster) {
    Path p = kubeconfigs.get(cluster);
    if (p == null) {
      throw new IllegalArgumentException("no local cluster " + cluster + "; have " + kubeconfigs.keySet());
    }
    return p;
  }

  /** A kubeconfig of the cluster's second user, {@code driftless}: register it so Driftless writes as itself. */
  public Path driftlessKubeconfig(String cluster) {
    return dir.resolve(name(cluster)).resolve("driftless.kubeconfig");
  }

  /** The bearer token the cluster's API server sends with its audit events. */
  public String auditToken(String cluster) {
    try {
      return Files.readString(dir.resolve(name(cluster)).resolve("audit-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends every cluster's audit events to {@code baseUrl} ({@code http://127.0.0.1:<port>}, which receives
   * {@code POST /audit/<cluster>}) until the returned handle is closed; then they are dropped again.
   */
  public AutoCloseable sendAuditTo(String baseUrl) throws IOException {
    Path target = dir.resolve("audit-target");
    Files.writeString(target, baseUrl + "\n");
    return () -> Files.deleteIfExists(target);
  }

  private String name(String cluster) {
    kubeconfig(cluster);
    return cluster;
  }

  /** A client for the cluster, built once and closed with the clusters. */
  public KubernetesClient client(String cluster) {
    return clients.computeIfAbsent(cluster, c -> {
      try {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig(c)));
        return new KubernetesClientBuilder().withConfig(config).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    Processes.run(List.of(tools.repoRoot().resolve("scripts/cluster").toString(), "down", "--dir", dir.toString()),
        tools.repoRoot(), Duration.ofMinutes(1));
  }
}
