package dev.driftless.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.driftless.functions.webhook.WebhookSamples;
import dev.driftless.functions.webhook.WebhookTestBed;
import dev.driftless.testkit.Moto;
import dev.driftless.testkit.TestTools;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Measures the webhook (a measurement, not a test): warm answer times in-process, and the cold first answer
 * of a new JVM. Starts moto itself.
 *
 * <p>Warm: one handler over the real stores and secrets (both in moto), an in-memory queue;
 * {@code warmup} signed GitHub pushes, then {@code n} measured ones, each a new delivery and commit on a
 * repository with {@code apps} Applications (default 20) of which every fourth tracks the pushed branch.
 *
 * <p>Cold: {@code colds} times, a new JVM runs {@link ColdStartProbe}: the runtime's no-argument
 * constructor (SDK clients from the environment, pointed at the emulators; SQS in moto) and one signed push.
 *
 * <p>Arguments: measured pushes, warm-up pushes, cold runs, Applications on the repository. Run:
 * {@code scripts/bench webhook 2000 200 10 20}.
 */
public final class WebhookBench {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int colds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int apps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    TestTools tools = TestTools.load();
    try (Moto moto = Moto.start(tools)) {
      System.setProperty("aws.region", "us-east-1");
      System.setProperty("aws.accessKeyId", "test");
      System.setProperty("aws.secretAccessKey", "test");
      System.setProperty("aws.endpointUrl", moto.endpoint());
      WebhookTestBed bed = new WebhookTestBed();
      bed.secret("https://github.com/acme/deploy", WebhookSamples.TEST_SECRET);
      for (int i = 0; i < apps; i++) {
        bed.app("app-" + i, "https://github.com/acme/deploy.git", i % 4 == 0 ? "main" : "env-" + i);
      }
      warm(bed, n, warmup, apps);
      cold(bed, moto, colds);
    }
  }

  private static void warm(WebhookTestBed bed, int n, int warmup, int apps) {
    APIGatewayV2HTTPEvent sample = WebhookSamples.load("webhook-github-push.json");
    List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
    for (int i = 0; i < warmup + n; i++) {
      String sha = HexFormat.of().formatHex(ByteBuffer.allocate(20).putLong(12, i + 1L).array());
      String body = sample.getBody().replace("9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f", sha);
      APIGatewayV2HTTPEvent e = WebhookSamples.signed(sample, body, WebhookSamples.TEST_SECRET);
      events.add(WebhookSamples.with(e, Map.of("x-github-delivery", UUID.randomUUID().toString()), null));
    }
    long[] micros = new long[n];
    for (int i = 0; i < warmup + n; i++) {
      long t0 = System.nanoTime();
      int status = bed.send(events.get(i)).getStatusCode();
      long t = (System.nanoTime() - t0) / 1000;
      if (status != 202) throw new IllegalStateException("push " + i + " answered " + status);
      if (i >= warmup) micros[i - warmup] = t;
    }
    Arrays.sort(micros);
    System.out.printf("warm: %d signed pushes after %d warm-up, %d app(s) on the repository, %d tracking the "
        + "pushed branch: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d enqueued%n", n, warmup, apps,
        (apps + 3) / 4, pct(micros, 50), pct(micros, 90),
        pct(micros, 99), micros[n - 1] / 1000.0, bed.queue.enqueued().size());
  }

  private static void cold(WebhookTestBed bed, Moto moto, int runs) throws Exception {
    if (runs <= 0) return;
    String fifo = bed.sqs().createQueue(r -> r.queueName("webhook-bench.fifo")
        .attributesWithStrings(Map.of("FifoQueue", "true"))).queueUrl();
    String delay = bed.sqs().createQueue(r -> r.queueName("webhook-bench-delay")).queueUrl();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    long[] wall = new long[runs];
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName())
          .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
      env.put("AWS_ENDPOINT_URL", moto.endpoint());
      env.put("DRIFTLESS_TABLE", bed.table);
      env.put("DRIFTLESS_QUEUE_URL", fifo);
      env.put("DRIFTLESS_DELAY_QUEUE_URL", delay);
      env.put("DRIFTLESS_WEBHOOK_SECRET_PREFIX", bed.prefix);
      env.put("PROBE_SAMPLE", WebhookSamples.dir().resolve("webhook-github-push.json").toAbsolutePath().toString());
      long t0 = System.nanoTime();
      env.put("PROBE_SPAWNED_NANOS", Long.toString(t0));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("probe failed: " + out);
      }
      wall[i] = (System.nanoTime() - t0) / 1000;
      out.lines().filter(l -> l.startsWith("cold:")).forEach(lines::add);
    }
    lines.forEach(System.out::println);
    Arrays.sort(wall);
    System.out.printf("cold: %d new JVMs, process start to exit (incl. first answer): p50 %.0f ms, min %.0f ms, "
        + "max %.0f ms%n", runs, pct(wall, 50), wall[0] / 1000.0, wall[runs - 1] / 1000.0);
  }

  private static double pct(long[] sortedMicros, int p) {
    int i = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, i)] / 1000.0;
  }

  private WebhookBench() {}
}
