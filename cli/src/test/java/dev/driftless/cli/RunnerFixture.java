package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.functions.DriftScanHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.ScanOptions;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.local.LocalRunner;
import dev.driftless.source.TestRepo;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.Processes;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local runner as the CLI's ITs use it: its own table and queues in moto, the functions with the real
 * kustomize and helm, a Git repository, and (when asked) cluster {@code c1} registered through the CLI.
 */
final class RunnerFixture implements AutoCloseable {

  final Functions fn;
  final TestRepo repo;
  final String url;
  private final LocalRunner runner;
  private final Path tmp;

  private RunnerFixture(Functions fn, LocalRunner runner, TestRepo repo, Path tmp) {
    this.fn = fn;
    this.runner = runner;
    this.repo = repo;
    this.tmp = tmp;
    this.url = "http://127.0.0.1:" + runner.port();
  }

  /** The runner alone: its API, webhook and queues, with no cluster registered. */
  static RunnerFixture start(Path tmp) throws IOException {
    DynamoDbClient ddb = DynamoDbClient.create();
    SqsClient sqs = SqsClient.create();
    LocalRunner.Resources res = LocalRunner.provision(ddb, sqs, EventBridgeClient.create(),
        "it-" + UUID.randomUUID().toString().substring(0, 8));
    TestTools tools = TestTools.load();
    Functions fn = LocalRunner.functions(Map.of("DRIFTLESS_KUSTOMIZE", tools.kustomize().toString(),
        "DRIFTLESS_HELM", tools.helm().toString(), "DRIFTLESS_GIT_CACHE", tmp.resolve("git").toString()),
        res, sqs, Clock.systemUTC());
    LocalRunner runner = LocalRunner.start(fn, sqs, res, 0, LocalRunner.routes(ddb, res), null);
    return new RunnerFixture(fn, runner, TestRepo.create(tmp.resolve("repo")), tmp);
  }

  /** The runner with the local cluster {@code c1} registered through the CLI (kubeconfig in Secrets Manager). */
  static RunnerFixture start(Path tmp, LocalClusters clusters) throws IOException {
    RunnerFixture f = start(tmp);
    String kubeconfigId = "driftless/clusters/it-" + UUID.randomUUID() + "-c1";
    try (SecretsManagerClient sm = SecretsManagerClient.create()) {
      sm.createSecret(r -> r.name(kubeconfigId).secretString(read(clusters.kubeconfig("c1"))));
    }
    f.ok("cluster", "add", "c1", "--auth", "kubeconfig", "--secret-id", kubeconfigId);
    return f;
  }

  /** A file of the test's own, for {@code -f}. */
  Path file(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** An Application of this runner's repository, for cluster {@code c1}, written to a file for {@code -f}. */
  Path application(String name, String path, String namespace, String syncPolicy) throws IOException {
    return file(name + ".yaml", """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: "%s", targetRevision: main, path: %s}
          destination: {cluster: c1, namespace: %s}
          syncPolicy: %s
        """.formatted(name, repo.fileUrl(), path, namespace, syncPolicy));
  }

  /** The CLI against this runner. */
  Run driftless(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--server";
    all[1] = url;
    System.arraycopy(args, 0, all, 2, args.length);
    return Run.of(Map.of(), tmp.resolve("home"), false, all);
  }

  /** The CLI against this runner, which must succeed. */
  Run ok(String... args) {
    Run r = driftless(args);
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.out() + r.err()).isZero();
    return r;
  }

  /**
   * Waits for a condition that a drift scan records (health after a sync's last wave): this runner has no scan
   * timer, so a scan runs every 3 s while waiting.
   */
  void awaitScanned(String what, Duration bound, BooleanSupplier done) {
    DriftScanHandler scan = new DriftScanHandler(fn, new ScanOptions(ScanOptions.defaults().page(), Duration.ZERO));
    Instant[] nextScan = {Instant.EPOCH};
    Processes.await(what, bound, () -> {
      if (Instant.now().isAfter(nextScan[0])) {
        scan.handleRequest(new ScheduledEvent(), new LocalContext("DriftScanFunction", Duration.ofMinutes(1),
            fn.clock()));
        nextScan[0] = Instant.now().plusSeconds(3);
      }
      return done.getAsBoolean();
    });
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    runner.close();
    repo.close();
  }
}
