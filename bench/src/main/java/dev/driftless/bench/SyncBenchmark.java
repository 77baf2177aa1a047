package dev.driftless.bench;

import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.StateTable;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.Moto;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The reconciler's end-to-end benchmark (issue: "time from a sync message to the last object applied",
 * "a drift scan of 50 Applications"; each handler's first response is {@code scripts/bench first-response}).
 * Starts a local cluster and moto (Secrets Manager and DynamoDB), then runs {@link SyncTiming} in fresh JVMs and
 * prints Markdown tables.
 *
 * <p>Run: {@code scripts/bench sync} (builds bench and its classpath, then runs this main).
 */
public final class SyncBenchmark {

  private SyncBenchmark() {}

  /** Writes {@code size} objects (ConfigMaps, Services, Deployments) with a kustomization into dir. */
  static void writeObjects(Path dir, int size, String version) throws IOException {
    Files.createDirectories(dir);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < size; i++) {
      String name = "obj-" + i;
      String doc = switch (i % 4) {
        case 0 -> "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  replicas: 1\n"
            + "  selector: {matchLabels: {app: " + name + "}}\n  template:\n    metadata: {labels: {app: " + name
            + ", version: " + version + "}}\n    spec: {containers: [{name: c, image: registry.example/app:" + version
            + "}]}\n";
        case 1 -> "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", labels: {version: " + version
            + "}}\nspec: {selector: {app: " + name + "}, ports: [{port: 80}]}\n";
        default -> "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {version: " + version + "}\n";
      };
      all.append("---\n").append(doc);
    }
    Files.writeString(dir.resolve("objects.yaml"), all.toString());
  }

  public static void main(String[] args) throws Exception {
    TestTools tools = TestTools.load();
    Path work = Files.createTempDirectory("driftless-sync-bench");
    try (LocalClusters clusters = LocalClusters.start(tools, 1); Moto moto = Moto.start(tools)) {
      List<String> props = List.of("-Daws.region=us-east-1", "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test",
          "-Daws.endpointUrl=" + moto.endpoint());
      for (String p : props) {
        String[] kv = p.substring(2).split("=", 2);
        System.setProperty(kv[0], kv[1]);
      }
      String table = "bench";
      DynamoDbClient ddb = DynamoDbClient.create();
      StateTable.create(ddb, table);
      try (SecretsManagerClient sm = SecretsManagerClient.create()) {
        sm.createSecret(r -> r.name("driftless/clusters/bench-c1").secretString(read(clusters.kubeconfig("c1"))));
      }
      new ClusterStore(ddb, table).put(ClusterRegistration.kubeconfig("c1", "driftless/clusters/bench-c1"));
      ApplicationStore apps = new ApplicationStore(ddb, table, Clock.systemUTC());
      Path repo = work.resolve("repo");
      try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
        for (int size : List.of(20, 200)) writeObjects(repo.resolve("apps/s" + size), size, "v1");
        for (int i = 0; i < 50; i++) writeObjects(repo.resolve("apps/scan" + i), 20, "v1");
        git.add().addFilepattern(".").call();
        git.commit().setMessage("objects").setSign(false).call();
      }
      for (int size : List.of(20, 200)) register(apps, "s" + size, repo);
      String cp = System.getProperty("java.class.path");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> base = new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC", "-cp", cp));
      base.addAll(props);
      System.out.println("| objects | sync | message to done (ms) | JVM start to done (ms) | changes |");
      System.out.println("|---|---|---|---|---|");
      for (int size : List.of(20, 200)) {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(SyncTiming.class.getName(), "sync", table, tools.kustomize().toString(),
            tools.helm().toString(), work.resolve("cache-" + size).toString(), repo.toString(), "s" + size,
            Integer.toString(size)));
        for (String line : Processes.run(cmd, work, Duration.ofMinutes(10)).split("\n")) {
          if (line.startsWith("SYNC ")) System.out.println(row(line));
        }
      }
      // Drift scan: 50 Applications of 20 objects, synced first (in one warm JVM), then scanned.
      for (int i = 0; i < 50; i++) register(apps, "scan" + i, repo);
      List<String> scan = new ArrayList<>(base);
      scan.addAll(List.of(SyncTiming.class.getName(), "scan", table, tools.kustomize().toString(),
          tools.helm().toString(), work.resolve("cache-scan").toString()));
      Processes.run(scan, work, Duration.ofMinutes(20)); // the first scan syncs nothing but records status
      for (String line : Processes.run(scan, work, Duration.ofMinutes(20)).split("\n")) {
        if (line.startsWith("SCAN ")) System.out.println("\nDrift scan, plan only: " + line.substring(5));
      }
    }
  }

  private static void register(ApplicationStore apps, String name, Path repo) {
    apps.put("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: apps/%s}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
        """.formatted(name, repo.toUri(), name, "bench-" + name), name, 0);
  }

  private static String row(String line) {
    String[] f = line.split(" ");
    Map<String, String> m = new HashMap<>();
    for (String kv : f) if (kv.contains("=")) m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    return "| " + m.get("size") + " | " + m.get("kind") + " | " + m.get("ms") + " | "
        + ("cold".equals(m.get("kind")) ? m.get("jvm_ms") : "-") + " | " + m.get("counts").replace("_", " ") + " |";
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
