package dev.driftless.bench;

import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.fixture.SampleManifests;
import dev.driftless.functions.Functions;
import dev.driftless.local.LocalRunner;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.state.ClusterStore;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.Moto;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Drift latency on the local stack: from a {@code kubectl scale}-style write of a tracked Deployment by another
 * user to Driftless's revert, through the whole local path: the API server's audit webhook (batches of at most
 * 1 s), scripts/audit-forward, the local runner's {@code /audit} route, the local SQS FIFO queue, its poller and
 * the sync handler. Prints every run and the median. Driftless is registered as the cluster's {@code driftless}
 * user; the writes are {@code admin}'s.
 *
 * <p>Arguments: the number of runs (default 10).
 */
public final class DriftLatencyBench {

  private static final String APP = "latency";

  private DriftLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    TestTools tools = TestTools.load();
    Path work = Files.createTempDirectory("driftless-latency-bench");
    try (LocalClusters clusters = LocalClusters.start(tools, 1); Moto moto = Moto.start(tools)) {
      Map.of("aws.region", "us-east-1", "aws.accessKeyId", "test", "aws.secretAccessKey", "test",
          "aws.endpointUrl", moto.endpoint()).forEach(System::setProperty);
      DynamoDbClient ddb = DynamoDbClient.create();
      SqsClient sqs = SqsClient.create();
      LocalRunner.Resources res = LocalRunner.provision(ddb, sqs, EventBridgeClient.create(), "latency");
      Functions fn = LocalRunner.functions(Map.of("DRIFTLESS_KUSTOMIZE", tools.kustomize().toString(),
          "DRIFTLESS_HELM", tools.helm().toString(), "DRIFTLESS_GIT_CACHE", work.resolve("git-cache").toString()),
          res, sqs, Clock.systemUTC());
      try (SecretsManagerClient sm = SecretsManagerClient.create();
          LocalRunner runner = LocalRunner.start(fn, sqs, res, 0, LocalRunner.routes(ddb, res), null)) {
        sm.createSecret(r -> r.name("driftless/clusters/c1").secretString(read(clusters.driftlessKubeconfig("c1"))));
        sm.createSecret(r -> r.name(SecretLayout.defaults().auditWebhooks() + "c1")
            .secretString(clusters.auditToken("c1")));
        new ClusterStore(ddb, res.table()).put(ClusterRegistration.kubeconfig("c1", "driftless/clusters/c1"));
        Path repo = work.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
          Files.createDirectories(repo.resolve("apps/web"));
          Files.writeString(repo.resolve("apps/web/deploy.yaml"), SampleManifests.DEPLOY);
          git.add().addFilepattern(".").call();
          git.commit().setMessage("web").setSign(false).call();
        }
        fn.parts().applications().put("""
            apiVersion: driftless.dev/v1alpha1
            kind: Application
            metadata: {name: %s}
            spec:
              source: {repoURL: "%s", targetRevision: main, path: apps/web}
              destination: {cluster: c1, namespace: latency}
              syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}
            """.formatted(APP, repo.toUri()), APP, 0);
        ReconcileResult first = fn.reconciler().reconcile(ReconcileRequest.manual(APP),
            Instant.now().plus(Duration.ofMinutes(3)));
        if (first.result() != OperationResult.SUCCEEDED) {
          throw new IllegalStateException("the first sync did not succeed: " + first.message());
        }
        KubernetesClient admin = clusters.client("c1");
        List<Long> millis = new ArrayList<>();
        try (AutoCloseable audit = clusters.sendAuditTo("http://127.0.0.1:" + runner.port())) {
          for (int i = 0; i < runs + 1; i++) {
            // Past the last write's coalescing bucket, so this write is not folded into the last reconcile.
            Thread.sleep(2_500);
            long start = System.nanoTime();
            admin.apps().deployments().inNamespace("latency").withName("web").scale(5);
            Processes.await("the revert of run " + i, Duration.ofMinutes(2), () -> admin.apps().deployments()
                .inNamespace("latency").withName("web").get().getSpec().getReplicas() == 2);
            long ms = (System.nanoTime() - start) / 1_000_000;
            // The first run warms the JVM (class loading, the first audit token lookup): not counted.
            if (i > 0) millis.add(ms);
            System.err.println("[latency] run " + i + ": " + ms + " ms" + (i == 0 ? " (warm-up, not counted)" : ""));
          }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.println("| runs | median (ms) | min (ms) | max (ms) | each (ms) |");
        System.out.println("|---|---|---|---|---|");
        System.out.println("| " + runs + " | " + median(sorted) + " | " + sorted.get(0) + " | "
            + sorted.get(sorted.size() - 1) + " | " + String.join(" / ", millis.stream().map(String::valueOf).toList())
            + " |");
      }
    }
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(p + ": " + e.getMessage(), e);
    }
  }
}
