package dev.driftless.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's HTTP front on loopback: the given routes and {@code /healthz}, run on a bounded pool of worker
 * threads, with read and response timeouts so that clients that send half a request and stall cannot hold
 * the workers (the webhook, the API and the health check stay answerable).
 *
 * <p>The JDK's server has no per-server timeout setting: it reads {@code sun.net.httpserver.maxReqTime} and
 * {@code maxRspTime} (seconds) once per JVM, when its first server starts, and closes a connection whose
 * request (request line, headers and body) or response takes longer. Checked on JDK 17.0.15: a connection
 * that stalls in its request line, in its headers or in its body is closed within a second of
 * {@code maxReqTime}. A connection that sends nothing holds no worker and is closed as idle. The properties
 * are set here unless the JVM was given them ({@code -D} wins); a JVM that already started a JDK HTTP server
 * keeps the values it started with.
 */
final class LocalHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);
  static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

  private final HttpServer server;
  private final ExecutorService workers;

  private LocalHttpServer(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Serves {@code routes} (path prefix to handler) and {@code /healthz} on 127.0.0.1:{@code port} (0: a free one). */
  static LocalHttpServer start(int port, RunnerOptions.HttpOptions options, Map<String, HttpHandler> routes)
      throws IOException {
    setIfAbsent(MAX_REQ_TIME, options.readTimeout().toSeconds());
    setIfAbsent(MAX_RSP_TIME, options.responseTimeout().toSeconds());
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    ExecutorService workers = Executors.newFixedThreadPool(options.threads(), named("driftless-http-"));
    http.setExecutor(workers);
    routes.forEach(http::createContext);
    http.createContext("/healthz", ex -> {
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    http.start();
    return new LocalHttpServer(http, workers);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private static void setIfAbsent(String property, long seconds) {
    String given = System.getProperty(property);
    if (given == null) {
      System.setProperty(property, Long.toString(seconds));
    } else if (!given.equals(Long.toString(seconds))) {
      LOG.info("{}={}s given to the JVM; the runner's {}s is not used", property, given, seconds);
    }
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
