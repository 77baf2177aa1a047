package dev.driftless.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.sun.management.OperatingSystemMXBean;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.functions.DriftScanHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.OperationResult;
import dev.driftless.state.StateTable;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.Moto;
import dev.driftless.testkit.TestTools;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.joda.time.DateTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fleet-scan benchmark (issue 14, "Measure"): {@code --apps} in-sync Applications of {@code --objects}
 * ConfigMaps each (plain directories of one local Git repository, 100 Applications to a namespace) spread over
 * {@code --clusters} local clusters, synced once, then one scheduled drift scan with nothing changed, through the
 * real handlers and moto's SQS: the DriftScanHandler sends the cluster scans, and each message it or a cluster scan
 * sends is received and handed to the SyncHandler one at a time (the deployed batch size), until both queues are
 * empty. Prints the scan's cost, in total and per Application, as a Markdown table.
 *
 * <p>{@code --warmups} scans (default 1) run before the measured one and are not counted: a warm sync container,
 * and the one-off backfill of the cluster index, which the first scan after an upgrade does.
 *
 * <p>Run: {@code scripts/bench scan [--apps 1000] [--objects 5] [--clusters 2] [--warmups 1]}.
 */
public final class ScanBenchmark {

  private static final int APPS_PER_NAMESPACE = 100;
  private static final Pattern CLUSTER = Pattern.compile("\"cluster\"\\s*:\\s*\"([^\"]*)\"");
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * One invocation: the scheduled DriftScanHandler ({@link #SCHEDULED}), or a message handled by the SyncHandler, a
   * cluster scan (its cluster) or a full reconcile (null).
   */
  record Handled(String cluster, long wallNanos, long cpuNanos) {}

  /** The {@link Handled#cluster} of the scheduled handler's run. */
  static final String SCHEDULED = "";

  private final int apps;
  private final int objects;
  private final int clusterCount;
  private final TableMeter table = new TableMeter();
  private final QueueMeter queue = new QueueMeter();
  private SqsClient receiver;
  private String fifoUrl;
  private String delayUrl;
  private Functions fn;
  private CountingTools tools;

  private ScanBenchmark(int apps, int objects, int clusterCount) {
    this.apps = apps;
    this.objects = objects;
    this.clusterCount = clusterCount;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("--apps", "1000", "--objects", "5", "--clusters", "2",
        "--warmups", "1"));
    if (args.length % 2 != 0) throw new IllegalArgumentException("options come in pairs: " + String.join(" ", args));
    for (int i = 0; i < args.length; i += 2) {
      if (!options.containsKey(args[i])) throw new IllegalArgumentException("unknown option " + args[i]);
      options.put(args[i], args[i + 1]);
    }
    new ScanBenchmark(Integer.parseInt(options.get("--apps")), Integer.parseInt(options.get("--objects")),
        Integer.parseInt(options.get("--clusters"))).run(Integer.parseInt(options.get("--warmups")));
  }

  private void run(int warmups) throws Exception {
    TestTools testTools = TestTools.load();
    Path work = Files.createTempDirectory("driftless-scan-bench");
    log("starting " + clusterCount + " local cluster(s) and moto");
    try (LocalClusters clusters = LocalClusters.start(testTools, clusterCount);
        Moto moto = Moto.start(withTransactionIndexCopies(testTools))) {
      for (Map.Entry<String, String> p : Map.of("aws.region", "us-east-1", "aws.accessKeyId", "test",
          "aws.secretAccessKey", "test", "aws.endpointUrl", moto.endpoint()).entrySet()) {
        System.setProperty(p.getKey(), p.getValue());
      }
      wire(clusters, testTools, work);
      Path repo = writeRepository(work.resolve("repo"));
      register(clusters, repo);
      sync();
      for (int i = 0; i < warmups; i++) {
        log("warm-up scan " + (i + 1) + " of " + warmups + " (not counted)");
        List<Handled> handled = scan();
        log("  " + (handled.size() - 1) + " message(s) handled");
      }
      log("measured scan");
      measure(clusters);
      fn.parts().clients().close();
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * The same tools with moto started through {@code bench/moto/moto_server.py}, whose transactions copy a table's
   * item index rather than the whole table (see that file): setting up 1,000 Applications takes minutes, not hours.
   */
  private static TestTools withTransactionIndexCopies(TestTools tools) {
    String module = "-m moto.server";
    if (!tools.motoCommand().endsWith(module)) {
      throw new IllegalStateException("DRIFTLESS_MOTO is not a python -m moto.server command: " + tools.motoCommand());
    }
    Map<String, String> env = new HashMap<>(tools.env());
    env.put("DRIFTLESS_MOTO", tools.motoCommand().substring(0, tools.motoCommand().length() - module.length())
        + tools.repoRoot().resolve("bench/moto/moto_server.py"));
    return new TestTools(tools.repoRoot(), Map.copyOf(env));
  }

  /** The table, the queues, the clusters' registrations and the engine's parts, as a deployment has them. */
  private void wire(LocalClusters clusters, TestTools testTools, Path work) throws Exception {
    DynamoDbClient ddb = DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(table))
        .build();
    String tableName = "driftless-scan-bench";
    StateTable.create(ddb, tableName);
    SqsClient sqs = SqsClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(queue)).build();
    receiver = SqsClient.create();
    fifoUrl = receiver.createQueue(r -> r.queueName("driftless-work.fifo")
        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    delayUrl = receiver.createQueue(r -> r.queueName("driftless-delay")).queueUrl();
    // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
    software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
    tools = new CountingTools(work.resolve("tools"));
    Settings settings = new Settings(tableName, "driftless", work.resolve("git-cache"), 256L << 20,
        tools.wrap("kustomize", testTools.kustomize()), tools.wrap("helm", testTools.helm()), Duration.ofDays(1));
    Reconciler.Parts parts = Wiring.parts(settings, ddb, new SecretsManagerClient(sm), (type, detail) -> { },
        Clock.systemUTC());
    for (String cluster : clusters.names()) {
      String secret = "driftless/clusters/" + cluster;
      String kubeconfig = Files.readString(clusters.kubeconfig(cluster));
      sm.createSecret(r -> r.name(secret).secretString(kubeconfig));
      parts.clusters().put(ClusterRegistration.kubeconfig(cluster, secret));
    }
    fn = new Functions(new Reconciler(parts, Wiring.options(settings).withHealthPoll(Duration.ofMillis(200)),
        Clock.systemUTC()), parts, new SqsWorkQueue(sqs, fifoUrl, delayUrl), Clock.systemUTC());
  }

  /** One commit holding every Application's directory of {@link #objects} ConfigMaps. */
  private Path writeRepository(Path repo) throws Exception {
    log("writing " + apps + " application directories of " + objects + " ConfigMaps");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < apps; i++) {
        StringBuilder docs = new StringBuilder();
        for (int j = 0; j < objects; j++) {
          docs.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name(i)).append("-cm")
              .append(j).append("}\ndata: {mode: blue, index: \"").append(j).append("\"}\n");
        }
        Path dir = Files.createDirectories(repo.resolve("apps/" + name(i)));
        Files.writeString(dir.resolve("objects.yaml"), docs.toString());
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("applications").setSign(false).call();
    }
    return repo;
  }

  private void register(LocalClusters clusters, Path repo) {
    for (String cluster : clusters.names()) {
      for (int n = 0; n * APPS_PER_NAMESPACE < apps; n++) {
        clusters.client(cluster).namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName(namespace(n * APPS_PER_NAMESPACE)).endMetadata().build()).create();
      }
    }
    log("registering " + apps + " applications");
    for (int i = 0; i < apps; i++) {
      fn.parts().applications().put("""
          apiVersion: driftless.dev/v1alpha1
          kind: Application
          metadata: {name: %s}
          spec:
            source: {repoURL: "%s", targetRevision: main, path: apps/%s}
            destination: {cluster: %s, namespace: %s}
            syncPolicy: {automated: {prune: true}}
          """.formatted(name(i), repo.toUri(), name(i), cluster(i), namespace(i)), name(i), 0);
      if ((i + 1) % 200 == 0) log("  registered " + (i + 1));
    }
  }

  /** Syncs every Application once, four at a time (not measured). */
  private void sync() throws Exception {
    log("syncing " + apps + " applications (not measured)");
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < apps; i++) {
        String app = name(i);
        futures.add(pool.submit(() -> {
          ReconcileResult r = fn.reconciler().reconcile(ReconcileRequest.manual(app), Instant.now().plusSeconds(300));
          if (r.result() != OperationResult.SUCCEEDED) {
            throw new IllegalStateException("sync of " + app + " failed: " + r.message());
          }
          if (done.incrementAndGet() % 100 == 0) log("  synced " + done.get() + " of " + apps);
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdown();
    }
  }

  private void measure(LocalClusters clusters) throws Exception {
    Map<String, Map<String, Long>> requestsBefore = new TreeMap<>();
    for (String c : clusters.names()) requestsBefore.put(c, ApiServerRequests.read(clusters.client(c)));
    TableMeter.Totals tableBefore = table.snapshot();
    long messagesBefore = queue.messages();
    long sendsBefore = queue.sendRequests();
    long kustomizeBefore = tools.runs("kustomize");
    long helmBefore = tools.runs("helm");
    long cpuBefore = OS.getProcessCpuTime();
    long start = System.nanoTime();

    List<Handled> handled = scan();

    long wall = System.nanoTime() - start;
    long cpu = OS.getProcessCpuTime() - cpuBefore;
    Map<String, Long> k8s = new TreeMap<>();
    for (String c : clusters.names()) {
      ApiServerRequests.since(requestsBefore.get(c), ApiServerRequests.read(clusters.client(c)))
          .forEach((k, v) -> k8s.merge(k, v, Long::sum));
    }
    // Each cluster's first /metrics read is counted by its second.
    k8s.computeIfPresent("GET", (k, v) -> v - clusters.names().size() <= 0 ? null : v - clusters.names().size());
    new ScanReport(apps, objects, clusterCount, (apps + APPS_PER_NAMESPACE - 1) / APPS_PER_NAMESPACE).print(
        new ScanReport.Figures(wall, cpu, handled, k8s, table.snapshot().minus(tableBefore),
            queue.messages() - messagesBefore, queue.sendRequests() - sendsBefore,
            tools.runs("kustomize") - kustomizeBefore, tools.runs("helm") - helmBefore));
    Instant now = Instant.now();
    Instant offTheHour = now.atZone(ZoneOffset.UTC).getMinute() == 0 ? now.plus(Duration.ofMinutes(1)) : now;
    ScanReport.printCrashChecks(apps, crashCheck(offTheHour), crashCheck(now.truncatedTo(ChronoUnit.HOURS)));
  }

  /** The table traffic of one crash check at {@code at} (no operation is in flight). */
  private TableMeter.Totals crashCheck(Instant at) {
    TableMeter.Totals before = table.snapshot();
    ScheduledEvent event = new ScheduledEvent();
    event.setSource(DriftScanHandler.CRASH_CHECK);
    event.setTime(new DateTime(at.toEpochMilli()));
    new DriftScanHandler(fn).handleRequest(event, new LocalContext("crash-check-bench", Duration.ofMinutes(5),
        Clock.systemUTC()));
    return table.snapshot().minus(before);
  }

  /** The scheduled scan, then every message it leads to, handled one at a time until both queues are empty. */
  private List<Handled> scan() {
    LocalContext context = new LocalContext("scan-bench", Duration.ofMinutes(5), Clock.systemUTC());
    List<Handled> handled = new ArrayList<>();
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    new DriftScanHandler(fn).handleRequest(new ScheduledEvent(), context);
    handled.add(new Handled(SCHEDULED, System.nanoTime() - start, OS.getProcessCpuTime() - cpu));
    SyncHandler sync = new SyncHandler(fn);
    while (true) {
      List<Message> batch = receive(fifoUrl);
      String from = fifoUrl;
      if (batch.isEmpty()) {
        batch = receive(delayUrl);
        from = delayUrl;
      }
      if (batch.isEmpty()) return handled;
      for (Message m : batch) {
        handled.add(handle(sync, m, context));
        String url = from;
        receiver.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
  }

  private List<Message> receive(String url) {
    return receiver.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  private static Handled handle(SyncHandler sync, Message m, LocalContext context) {
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId(m.messageId());
    record.setBody(m.body());
    Map<String, String> attributes = new HashMap<>();
    m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
    record.setAttributes(attributes);
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(record));
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    if (!sync.handleRequest(event, context).getBatchItemFailures().isEmpty()) {
      throw new IllegalStateException("the sync function failed a message: " + m.body());
    }
    Matcher cluster = CLUSTER.matcher(m.body());
    return new Handled(m.body().contains("\"cluster-scan\"") && cluster.find() ? cluster.group(1) : null,
        System.nanoTime() - start, OS.getProcessCpuTime() - cpu);
  }

  private String name(int i) {
    return String.format("app-%04d", i);
  }

  private String cluster(int i) {
    return "c" + (i % clusterCount + 1);
  }

  private static String namespace(int i) {
    return "bench-" + i / APPS_PER_NAMESPACE;
  }

  private static void log(String s) {
    System.err.println("[scan-bench] " + s);
  }
}
