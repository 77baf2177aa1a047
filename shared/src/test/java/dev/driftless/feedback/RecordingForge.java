package dev.driftless.feedback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a forge's API: it records every request (method, path with its raw query,
 * headers in lowercase, body) and answers each with the status it is told, the body set for its path, and a
 * {@code Location} when one is set.
 */
final class RecordingForge implements AutoCloseable {

  record Request(String method, String path, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int answer = 201;
  private volatile String location;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();

  RecordingForge() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, on {@code host} (127.0.0.1 or localhost: two hosts, one server). */
  String origin(String host) {
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  RecordingForge answering(int status, String redirectTo) {
    this.answer = status;
    this.location = redirectTo;
    return this;
  }

  /** Answers requests whose path (query left out) is {@code path} with {@code body}; others get {@code {}}. */
  RecordingForge answering(String path, String body) {
    bodies.put(path, body);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> headers = new TreeMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      String query = ex.getRequestURI().getRawQuery();
      requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
          headers, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      if (location != null) ex.getResponseHeaders().add("Location", location);
      byte[] body = bodies.getOrDefault(ex.getRequestURI().getRawPath(), "{}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(answer, body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
