package dev.driftless.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay in front of moto's DynamoDB that answers the next {@link #throttle(int, int) n} requests, and then
 * every k-th, the way DynamoDB throttles (HTTP 400, {@code ProvisionedThroughputExceededException}, the request not
 * applied), and passes the rest on. It keeps what happened to the lease item, from moto's answers: each take, renewal and release
 * that succeeded, with its holder and when it was answered.
 */
final class ThrottlingTableRelay implements AutoCloseable {

  /** A lease write moto applied: {@code kind} is take, renew or release. */
  record LeaseWrite(String kind, String holder, Instant at, long until) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
      "transfer-encoding", "upgrade");
  private static final byte[] THROTTLED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
      + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput for "
      + "the table was exceeded.\"}").getBytes(StandardCharsets.UTF_8);

  final List<LeaseWrite> leaseWrites = new CopyOnWriteArrayList<>();
  private final AtomicInteger toThrottle = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int every;
  private final AtomicInteger throttled = new AtomicInteger();
  private final URI moto;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  ThrottlingTableRelay(URI moto) {
    this.moto = moto;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::relay);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code n} requests are throttled, then every {@code k}-th (0: none). */
  void throttle(int n, int k) {
    every = k;
    toThrottle.set(n);
  }

  /** How many requests were answered as throttled. */
  int throttled() {
    return throttled.get();
  }

  private void relay(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    int k = every;
    if (toThrottle.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || k > 0 && requests.incrementAndGet() % k == 0) {
      throttled.incrementAndGet();
      answer(ex, 400, "application/x-amz-json-1.0", null, THROTTLED);
      return;
    }
    HttpRequest.Builder out = HttpRequest.newBuilder(moto.resolve(ex.getRequestURI().toString()))
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase())) values.forEach(v -> out.header(name, v));
    });
    HttpResponse<byte[]> in;
    try {
      in = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (in.statusCode() == 200) noteLease(ex.getRequestHeaders().getFirst("X-Amz-Target"), body);
    answer(ex, in.statusCode(), in.headers().firstValue("content-type").orElse("application/x-amz-json-1.0"),
        in.headers().firstValue("x-amz-crc32").orElse(null), in.body());
  }

  private void noteLease(String target, byte[] body) throws IOException {
    if (target == null) return;
    JsonNode req = JSON.readTree(body);
    JsonNode item = target.endsWith(".PutItem") ? req.path("Item") : req.path("Key");
    if (!item.path("pk").path("S").asText().startsWith("LEASE#")) return;
    JsonNode values = req.path("ExpressionAttributeValues");
    Instant now = Instant.now();
    if (target.endsWith(".PutItem")) {
      leaseWrites.add(new LeaseWrite("take", item.path("holder").path("S").asText(), now,
          item.path("leaseUntil").path("N").asLong()));
    } else if (target.endsWith(".UpdateItem")) {
      leaseWrites.add(new LeaseWrite("renew", values.path(":me").path("S").asText(), now,
          values.path(":until").path("N").asLong()));
    } else if (target.endsWith(".DeleteItem")) {
      leaseWrites.add(new LeaseWrite("release", values.path(":me").path("S").asText(), now, 0));
    }
  }

  private static void answer(HttpExchange ex, int code, String type, String crc, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    if (crc != null) ex.getResponseHeaders().set("x-amz-crc32", crc);
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
