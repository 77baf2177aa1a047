package dev.driftless.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Driftless API that records every request it gets and answers each with one set status and
 * body: for tests of the shape of what the dashboard's proxy sends and hands back.
 */
final class RecordingApi implements AutoCloseable {

  /** One request as it arrived: headers by lower-case name. */
  record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : String.join(",", v);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{\"items\":[]}";
  private volatile String contentType = "application/json";

  RecordingApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        URI u = ex.getRequestURI();
        requests.add(new Request(ex.getRequestMethod(), u.getRawPath() + (u.getRawQuery() == null ? ""
            : "?" + u.getRawQuery()), headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    });
    server.start();
  }

  /** Every later request is answered with this status and body. */
  RecordingApi answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  /** Every later answer claims this content type. */
  RecordingApi contentType(String type) {
    this.contentType = type;
    return this;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
