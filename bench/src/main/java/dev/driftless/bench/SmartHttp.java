package dev.driftless.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * Smart HTTP for the fetch benchmark: the source stage's own test server ({@code GitHttpServer} in the
 * shared test-jar: git's http-backend behind the JDK HTTP server with Basic authentication). That class is
 * package-private to its tests, so it is reached reflectively here rather than copied or made public.
 */
final class SmartHttp implements AutoCloseable {

  private final AutoCloseable server;
  private final Method url;

  private SmartHttp(AutoCloseable server, Method url) {
    this.server = server;
    this.url = url;
  }

  static SmartHttp serve(Path projectRoot, Map<String, String> users) throws ReflectiveOperationException {
    Class<?> type = Class.forName("dev.driftless.source.GitHttpServer");
    Constructor<?> make = type.getDeclaredConstructor(Path.class, Map.class);
    make.setAccessible(true);
    Method url = type.getDeclaredMethod("url", String.class);
    url.setAccessible(true);
    return new SmartHttp((AutoCloseable) make.newInstance(projectRoot, users), url);
  }

  String url(String repo) {
    try {
      return (String) url.invoke(server, repo);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("GitHttpServer.url", e);
    }
  }

  /** The URL with user and password in it, as the git command line takes them. */
  String urlWithCredentials(String repo, String user, String password) {
    return url(repo).replaceFirst("^http://", "http://" + user + ":" + password + "@");
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
