package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard on 127.0.0.1: the page files of a classpath folder, and {@code /api/} handed on to the Driftless
 * API through an {@link ApiClient}. Every request passes the {@link RequestGuard} first; every answer carries a
 * strict Content-Security-Policy (the pages load their own scripts and styles only, and talk to this server
 * only), and API answers are never cached. A refused request is one line on the log.
 */
final class DashboardServer implements AutoCloseable {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  /** The JDK server's request read limit (seconds), unless the JVM was given one: a stalled client frees its worker. */
  private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";

  private final HttpServer server;
  private final ExecutorService workers;
  private final RequestGuard guard;
  private final StaticFiles files;
  private final ApiProxy proxy;
  private final PrintWriter log;

  private DashboardServer(HttpServer server, ExecutorService workers, StaticFiles files, ApiProxy proxy,
      PrintWriter log) {
    this.server = server;
    this.workers = workers;
    this.guard = new RequestGuard(server.getAddress().getPort());
    this.files = files;
    this.proxy = proxy;
    this.log = log;
  }

  /**
   * Serves the page files of classpath {@code folder} (the CLI's is {@code dashboard}) and {@code /api/} through
   * {@code api} on 127.0.0.1:{@code port} (0: a free one); refused requests are logged to {@code log}.
   */
  static DashboardServer start(ApiClient api, String folder, int port, PrintWriter log) throws IOException {
    if (System.getProperty(MAX_REQ_TIME) == null) System.setProperty(MAX_REQ_TIME, "30");
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (BindException e) {
      throw new CliException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "): pass another --port, "
          + "or --port 0 for a free one", 2, e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "driftless-ui-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    DashboardServer s = new DashboardServer(http, workers, new StaticFiles(folder), new ApiProxy(api), log);
    http.setExecutor(workers);
    http.createContext("/", s::handle);
    http.start();
    return s;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The address to open in a browser. */
  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
      // API answers and refusals are never cached; page files say otherwise below.
      h.set("Cache-Control", "no-store");
      RequestGuard.Verdict verdict = guard.check(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders());
      if (verdict instanceof RequestGuard.Refusal r) {
        refused(ex, r.reason());
        sendJson(ex, r.status(), ApiProxy.error(r.reason()));
        return;
      }
      RequestGuard.Allowed allowed = (RequestGuard.Allowed) verdict;
      if (allowed.api()) {
        String reason = proxy.forward(ex);
        if (reason != null) refused(ex, reason);
        return;
      }
      StaticFiles.File file = files.read(allowed.segments());
      if (file == null) {
        sendJson(ex, 404, ApiProxy.error("no page file " + ex.getRequestURI().getRawPath()));
        return;
      }
      h.set("Content-Type", file.contentType());
      h.set("Cache-Control", "no-cache");
      send(ex, 200, file.bytes());
    }
  }

  /** One line per refused request; header values are the sender's, so control characters are blanked. */
  private void refused(HttpExchange ex, String reason) {
    String line = "dashboard: refused " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + ": "
        + reason;
    log.println(line.replaceAll("\\p{Cntrl}", "?"));
    log.flush();
  }

  static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    try {
      send(ex, status, ApiClient.JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
