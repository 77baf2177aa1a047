package dev.driftless.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Smart HTTP served by git's own {@code git-http-backend} CGI behind a JDK HTTP server, with Basic
 * authentication against known users: requests translate to CGI variables, bodies (gzip ones too) pass
 * through, and the CGI's {@code Status:} and headers become the HTTP response.
 */
final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Path projectRoot;
  private final Map<String, String> users;
  private final String backend;
  final AtomicInteger unauthorized = new AtomicInteger();
  /** Requests that carried an Authorization header, valid or not: a credential reached this server. */
  final AtomicInteger authorizationHeaders = new AtomicInteger();

  GitHttpServer(Path projectRoot, Map<String, String> users) throws IOException {
    this.projectRoot = projectRoot;
    this.users = Map.copyOf(users);
    this.backend = gitExecPath() + "/git-http-backend";
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/git/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String url(String repo) {
    return url("127.0.0.1", repo);
  }

  /** The repository's URL with the given name for this machine ({@code localhost} is another host to a credential). */
  String url(String host, String repo) {
    return origin(host) + "/git/" + repo;
  }

  /** Scheme, host and port of this server under the given name. */
  String origin(String host) {
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (ex.getRequestHeaders().containsKey("Authorization")) {
        authorizationHeaders.incrementAndGet();
      }
      String user = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
      if (user == null) {
        unauthorized.incrementAndGet();
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"driftless-test\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      ProcessBuilder pb = new ProcessBuilder(backend).redirectError(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("GIT_"));
      env.put("GIT_PROJECT_ROOT", projectRoot.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("PATH_INFO", ex.getRequestURI().getPath().substring("/git".length()));
      env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
      env.put("REQUEST_METHOD", ex.getRequestMethod());
      env.put("REMOTE_USER", user);
      env.put("REMOTE_ADDR", "127.0.0.1");
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
      String length = ex.getRequestHeaders().getFirst("Content-Length");
      if (length != null) {
        env.put("CONTENT_LENGTH", length);
      }
      String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding); // git-http-backend inflates gzip bodies itself
      }
      String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      Process p = pb.start();
      Thread feeder = new Thread(() -> {
        try (OutputStream in = p.getOutputStream(); InputStream body = ex.getRequestBody()) {
          body.transferTo(in);
        } catch (IOException e) {
          // the CGI stopped reading; its output says why
        }
      });
      feeder.start();
      try (InputStream out = p.getInputStream()) {
        int status = 200;
        String line;
        while (!(line = readLine(out)).isEmpty()) {
          int colon = line.indexOf(':');
          String name = line.substring(0, colon).trim();
          String value = line.substring(colon + 1).trim();
          if (name.equalsIgnoreCase("Status")) {
            status = Integer.parseInt(value.split(" ")[0]);
          } else {
            ex.getResponseHeaders().add(name, value);
          }
        }
        ex.sendResponseHeaders(status, 0);
        try (OutputStream body = ex.getResponseBody()) {
          out.transferTo(body);
        }
      } finally {
        feeder.join(TimeUnit.SECONDS.toMillis(30));
        p.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String authenticate(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        buf.write(b);
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static String gitExecPath() throws IOException {
    try {
      Process p = new ProcessBuilder("git", "--exec-path").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted asking git for its exec path", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
