package dev.driftless.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.sun.net.httpserver.HttpHandler;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.feedback.PlanComments;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.AuditWebhookHandler;
import dev.driftless.functions.DriftScanHandler;
import dev.driftless.functions.ScanOptions;
import dev.driftless.functions.Env;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.WebhookHandler;
import dev.driftless.functions.local.LocalContext;
import dev.driftless.functions.metrics.Metrics;
import dev.driftless.functions.queue.SqsWorkQueue;
import dev.driftless.functions.webhook.WebhookOptions;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.AccessStore;
import dev.driftless.state.DeliveryStore;
import dev.driftless.state.StateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The same handlers, served on a laptop: webhooks and the API over HTTP on localhost, the SQS queues and
 * EventBridge in the local AWS emulator, state in its DynamoDB, the local control plane as a registered
 * cluster. Queue messages are handed to the sync handler exactly as Lambda's event source would; the drift
 * scan runs on a timer as the schedule would. Each queue has several pollers ({@link RunnerOptions}), so
 * Applications sync side by side as they do under Lambda, one message per invocation.
 */
public final class LocalRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);
  /** Each sync invocation's deadline, as the sync function's timeout. */
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);
  /** The crash check's period, as the stack schedules it: a crashed pass is continued within its lease plus this. */
  private static final Duration CRASH_CHECK_EVERY = Duration.ofMinutes(1);

  /** The caller of a request without an {@code X-Driftless-Caller} header, and the API's bootstrap admin. */
  public static final String LOCAL_ADMIN = "arn:aws:iam::000000000000:user/driftless-local-admin";

  /** Local names of the AWS resources the CDK app would create. */
  public record Resources(String table, String queueUrl, String delayQueueUrl, String bus) {}

  private final Functions functions;
  private final LocalHttpServer http;
  private final QueuePollers fifo;
  private final QueuePollers delayed;
  private final ScheduledExecutorService timers;

  private LocalRunner(Functions functions, LocalHttpServer http, QueuePollers fifo, QueuePollers delayed,
      ScheduledExecutorService timers) {
    this.functions = functions;
    this.http = http;
    this.fifo = fifo;
    this.delayed = delayed;
    this.timers = timers;
  }

  /** Creates the table, queues and bus in the local emulators (idempotent). */
  public static Resources provision(DynamoDbClient ddb, SqsClient sqs, EventBridgeClient events, String prefix) {
    String table = prefix;
    StateTable.create(ddb, table);
    String fifo = sqs.createQueue(r -> r.queueName(prefix + "-sync.fifo").attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "120"))).queueUrl();
    String delay = sqs.createQueue(r -> r.queueName(prefix + "-delay")).queueUrl();
    String bus = prefix;
    try {
      events.createEventBus(r -> r.name(bus));
    } catch (ResourceAlreadyExistsException e) {
      // already there
    }
    return new Resources(table, fifo, delay, bus);
  }

  /** Starts serving with the default {@link RunnerOptions}; see {@link #start(Functions, SqsClient, Resources, int, Map, Duration, RunnerOptions)}. */
  public static LocalRunner start(Functions fn, SqsClient sqs, Resources res, int port,
      Map<String, Function<Functions, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> routes,
      Duration scanEvery) throws IOException {
    return start(fn, sqs, res, port, routes, scanEvery, RunnerOptions.defaults());
  }

  /**
   * Starts serving: HTTP routes on {@code port} (0 picks a free one), the queues' pollers, and the drift scan
   * every {@code scanEvery} with the crash check every minute, as the stack schedules them (null: no timers).
   */
  public static LocalRunner start(Functions fn, SqsClient sqs, Resources res, int port,
      Map<String, Function<Functions, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> routes,
      Duration scanEvery, RunnerOptions options) throws IOException {
    return start(fn, sqs, res, port, routes, scanEvery, options, null);
  }

  /** As above, pull-request plans posted through {@code comments} (null: plan messages fail). */
  public static LocalRunner start(Functions fn, SqsClient sqs, Resources res, int port,
      Map<String, Function<Functions, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> routes,
      Duration scanEvery, RunnerOptions options, PlanComments comments) throws IOException {
    Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    routes.forEach((path, make) -> handlers.put(path, new HttpAdapter(path, make.apply(fn), fn.clock())));
    LocalHttpServer http = LocalHttpServer.start(port, options.http(), handlers);
    SyncHandler sync = new SyncHandler(fn, Metrics.standardOutput(fn.clock()), comments);
    QueuePollers fifo = QueuePollers.start(sqs, res.queueUrl(), options.workPollers(), sync, fn.clock(),
        SYNC_TIMEOUT, "work");
    QueuePollers delayed = QueuePollers.start(sqs, res.delayQueueUrl(), options.delayPollers(), sync, fn.clock(),
        SYNC_TIMEOUT, "delay");
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(LocalHttpServer.named("driftless-scan-"));
    if (scanEvery != null) {
      // Each cluster's scan comes at its own point of the interval, as in a deployment.
      DriftScanHandler scan = new DriftScanHandler(fn, new ScanOptions(ScanOptions.defaults().page(), scanEvery));
      timers.scheduleAtFixedRate(() -> {
        try {
          scan.handleRequest(new ScheduledEvent(), new LocalContext("DriftScanFunction", Duration.ofMinutes(1), fn.clock()));
        } catch (RuntimeException e) {
          LOG.warn("drift scan: {}", e.getMessage());
        }
      }, scanEvery.toMillis(), scanEvery.toMillis(), TimeUnit.MILLISECONDS);
      ScheduledEvent crashCheck = new ScheduledEvent().withSource(DriftScanHandler.CRASH_CHECK);
      timers.scheduleAtFixedRate(() -> {
        try {
          scan.handleRequest(crashCheck, new LocalContext("DriftScanFunction", Duration.ofMinutes(1), fn.clock()));
        } catch (RuntimeException e) {
          LOG.warn("crash check: {}", e.getMessage());
        }
      }, CRASH_CHECK_EVERY.toMillis(), CRASH_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new LocalRunner(fn, http, fifo, delayed, timers);
  }

  public int port() {
    return http.port();
  }

  public Functions functions() {
    return functions;
  }

  @Override
  public void close() {
    fifo.close();
    delayed.close();
    http.close();
    timers.shutdownNow();
    functions.parts().clients().close();
  }

  /** Functions wired to the local resources, with settings from the environment. */
  public static Functions functions(Map<String, String> env, Resources res, SqsClient sqs, Clock clock) {
    Map<String, String> merged = new HashMap<>(env);
    merged.put(Env.TABLE, res.table());
    merged.put(Env.EVENT_BUS, res.bus());
    // The local runner serves repositories from the local file system; a deployment never does.
    merged.putIfAbsent(Settings.LOCAL_REPOSITORIES, "true");
    Settings settings = Settings.fromEnvironment(merged);
    Reconciler.Parts parts = Wiring.fromDefaults(settings, AwsClients.build(DynamoDbClient.builder()), merged, clock);
    return new Functions(new Reconciler(parts, Wiring.options(settings), clock), parts,
        new SqsWorkQueue(sqs, res.queueUrl(), res.delayQueueUrl()), clock);
  }

  /**
   * The HTTP routes of the local runner: the API, whose bootstrap admin is the caller of every request without
   * an {@code X-Driftless-Caller} header ({@link #LOCAL_ADMIN}), and the webhook (secrets read from
   * the local Secrets Manager under {@code driftless/webhooks/}, as in AWS; {@code /webhook/projects/<project>}
   * for a project's own), and the local clusters' audit webhook ({@code /audit/<cluster>}, each cluster's bearer
   * token at {@code driftless/webhooks/audit/<cluster>}; scripts/cluster's forwarder posts there once the runner's
   * URL is in its audit-target file).
   */
  public static Map<String, Function<Functions, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>>
      routes(DynamoDbClient ddb, Resources res) {
    Map<String, Function<Functions, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> routes =
        new LinkedHashMap<>();
    routes.put("/api", fn -> new ApiHandler(fn, new AccessStore(ddb, res.table(), fn.clock()),
        List.of(PrincipalPattern.parse(LOCAL_ADMIN))));
    routes.put("/webhook", fn -> new WebhookHandler(fn.parts().applications(), fn.parts().projects().store(),
        new DeliveryStore(ddb, res.table(), fn.clock(), Duration.ofDays(1)), fn.queue(),
        // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
        new SecretsManagerClient(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create()),
        fn.clock(), WebhookOptions.defaults()));
    routes.put("/audit", fn -> new AuditWebhookHandler(fn,
        new SecretsManagerClient(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create()),
        SecretLayout.defaults(), WebhookOptions.defaults()));
    return routes;
  }

  /** Pull-request plan comments with provider hosts and tokens as the environment's settings give them. */
  public static PlanComments planComments(Map<String, String> env) {
    return PlanComments.fromEnvironment(
        new SecretsManagerClient(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create()),
        Settings.fromEnvironment(env).secrets(), env);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();
    String prefix = env.getOrDefault("DRIFTLESS_LOCAL_PREFIX", "driftless-local");
    int port = Integer.parseInt(env.getOrDefault("DRIFTLESS_LOCAL_PORT", "0"));
    Duration scan = Duration.ofSeconds(Long.parseLong(env.getOrDefault("DRIFTLESS_SCAN_SECONDS", "300")));
    SqsClient sqs = SqsClient.create();
    DynamoDbClient ddb = DynamoDbClient.create();
    Resources res = provision(ddb, sqs, EventBridgeClient.create(), prefix);
    Functions fn = functions(env, res, sqs, clock);
    RunnerOptions options = RunnerOptions.fromEnvironment(env);
    LocalRunner runner = start(fn, sqs, res, port, routes(ddb, res), scan, options, planComments(env));
    Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
    String url = "http://127.0.0.1:" + runner.port();
    if (env.containsKey("DRIFTLESS_LOCAL_URL_FILE")) {
      Files.writeString(Path.of(env.get("DRIFTLESS_LOCAL_URL_FILE")), url + "\n");
    }
    LOG.info("Driftless local runner on {} (table {}, queue {}, {} work and {} delay pollers)", url, res.table(),
        res.queueUrl(), options.workPollers(), options.delayPollers());
    Thread.currentThread().join();
  }
}
