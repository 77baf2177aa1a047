package dev.driftless.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A Git host that asks for Basic authentication and, once it has a credential, answers every request with a
 * redirect to the same path and query on another host: what a compromised or hostile server would do to collect
 * the credential elsewhere.
 */
final class RedirectingHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final String target;

  /** {@code target} is the other host's base, e.g. {@code http://localhost:1234}. */
  RedirectingHttpServer(String target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      if (!ex.getRequestHeaders().containsKey("Authorization")) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"driftless-test\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String query = ex.getRequestURI().getRawQuery();
      ex.getResponseHeaders().add("Location", target + ex.getRequestURI().getRawPath()
          + (query == null ? "" : "?" + query));
      ex.sendResponseHeaders(302, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
