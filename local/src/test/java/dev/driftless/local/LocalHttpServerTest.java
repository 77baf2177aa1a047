package dev.driftless.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow clients against the runner's HTTP front: they are cut off, and they never stall the others. */
class LocalHttpServerTest {

  /** The JDK reads its timeouts once per JVM; every server in this class uses the same. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration BOUND = Duration.ofSeconds(15);

  /** Half a request line and half the headers: the JDK server reads these without holding a worker. */
  private static final List<String> HEADER_HALVES = List.of("GET /api/appl",
      "GET /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl");
  /** Half a body: the handler reading it holds a worker until the body comes or the connection closes. */
  private static final String BODY_HALF =
      "POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"ref\":";

  private final List<Socket> stalled = new ArrayList<>();
  private LocalHttpServer server;

  @AfterEach
  void close() throws IOException {
    for (Socket s : stalled) s.close();
    if (server != null) server.close();
  }

  private LocalHttpServer start(int threads) throws IOException {
    HttpHandler api = ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] out = "[]".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    };
    server = LocalHttpServer.start(0,
        new RunnerOptions.HttpOptions(threads, READ_TIMEOUT, Duration.ofSeconds(30)), Map.of("/api", api));
    return server;
  }

  private void stall(int connections, String half) throws IOException {
    for (int i = 0; i < connections; i++) {
      Socket s = new Socket("127.0.0.1", server.port());
      s.setSoTimeout((int) BOUND.toMillis());
      s.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      stalled.add(s);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * What a stalled client sees: the end of the stream or a reset (after an error response, if the server sent
   * one); a read timeout means the connection was left open.
   */
  private static String end(Socket s) throws IOException {
    try (InputStream in = s.getInputStream()) {
      in.readAllBytes();
      return "closed";
    } catch (SocketTimeoutException e) {
      return "still open after " + BOUND;
    } catch (SocketException e) {
      return "closed";
    }
  }

  @Test
  void eightStalledConnectionsLeaveTheApiAndTheHealthCheckAnsweringAndAreClosedAfterTheReadTimeout() throws Exception {
    start(RunnerOptions.HttpOptions.defaults().threads());
    stall(8, BODY_HALF);
    for (String half : HEADER_HALVES) stall(1, half);

    HttpResponse<String> api = get("/api/applications");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).isEqualTo("[]");
    assertThat(get("/healthz").body()).isEqualTo("ok");

    for (Socket s : stalled) {
      assertThat(end(s)).as("a connection that sent half a request").isEqualTo("closed");
    }
  }

  @Test
  void stalledConnectionsGiveTheirWorkersBackAfterTheReadTimeout() throws Exception {
    start(2);
    stall(4, BODY_HALF);

    // Both workers are held by stalled requests until the read timeout closes them; then this one is served.
    assertThat(get("/healthz").body()).isEqualTo("ok");
    assertThat(get("/api/applications").statusCode()).isEqualTo(200);
  }
}
