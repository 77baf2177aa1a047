package dev.driftless.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Gitea server in its own process on a free loopback port: SQLite, no mailer, registration closed,
 * webhooks allowed to loopback, one admin user created from Gitea's CLI and an API token for it. Gitea serves
 * the Git smart HTTP protocol, the commit status API and sends real webhooks.
 */
public final class Forge implements AutoCloseable {

  /** The admin user that owns the test repositories. */
  public static final String USER = "driftless";

  private static final Duration COMMAND_BOUND = Duration.ofMinutes(3);
  private static final Duration READY_BOUND = Duration.ofMinutes(2);

  private final Process process;
  private final String origin;
  private final String password;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private Forge(Process process, String origin, String password, String token) {
    this.process = process;
    this.origin = origin;
    this.password = password;
    this.token = token;
  }

  public static Forge start(TestTools tools) {
    Path gitea = tools.gitea();
    int port = Processes.freePort();
    String origin = "http://127.0.0.1:" + port;
    try {
      Path dir = Files.createTempDirectory("driftless-gitea");
      Path ini = dir.resolve("app.ini");
      Files.writeString(ini, appIni(dir, gitea.getParent().getParent(), port));
      // Gitea refuses to run as root unless told it may: CI containers often run tests as root.
      Map<String, String> env = Map.of("GITEA_WORK_DIR", dir.toString(), "GITEA_I_AM_BEING_UNSAFE_RUNNING_AS_ROOT", "true",
          "HOME", dir.toString());
      String config = "--config=" + ini;
      Processes.run(List.of(gitea.toString(), "migrate", config), dir, env, COMMAND_BOUND);
      String password = "pw-" + UUID.randomUUID();
      Processes.run(List.of(gitea.toString(), "admin", "user", "create", config, "--admin", "--username", USER,
          "--password", password, "--email", USER + "@example.com", "--must-change-password=false"), dir, env,
          COMMAND_BOUND);
      String token = Processes.run(List.of(gitea.toString(), "admin", "user", "generate-access-token", config,
          "--username", USER, "--token-name", "tests", "--scopes", "all", "--raw"), dir, env, COMMAND_BOUND).strip();
      token = token.substring(token.lastIndexOf('\n') + 1).strip();
      File log = dir.resolve("web.log").toFile();
      ProcessBuilder pb = new ProcessBuilder(gitea.toString(), "web", config).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log);
      pb.environment().putAll(env);
      Process p = pb.start();
      try {
        Processes.await("gitea on " + origin + " (log " + log + ")", READY_BOUND, () -> {
          if (!p.isAlive()) throw new IllegalStateException("gitea exited " + p.exitValue() + "; log " + log);
          return Processes.answers(origin + "/api/v1/version");
        });
      } catch (RuntimeException e) {
        Processes.stop(p);
        throw e;
      }
      return new Forge(p, origin, password, token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start gitea " + gitea, e);
    }
  }

  private static String appIni(Path dir, Path install, int port) {
    return """
        APP_NAME = driftless-tests
        RUN_MODE = prod
        RUN_USER = %4$s
        WORK_PATH = %1$s

        [server]
        PROTOCOL = http
        DOMAIN = 127.0.0.1
        SSH_DOMAIN = 127.0.0.1
        HTTP_ADDR = 127.0.0.1
        HTTP_PORT = %3$d
        ROOT_URL = http://127.0.0.1:%3$d/
        DISABLE_SSH = true
        START_SSH_SERVER = false
        OFFLINE_MODE = true
        LFS_START_SERVER = false
        STATIC_ROOT_PATH = %2$s
        APP_DATA_PATH = %1$s/data

        [database]
        DB_TYPE = sqlite3
        PATH = %1$s/gitea.db

        [repository]
        ROOT = %1$s/repositories

        [security]
        INSTALL_LOCK = true
        SECRET_KEY = %5$s
        INTERNAL_TOKEN = %6$s
        ALLOWED_HOST_LIST = loopback

        [oauth2]
        ENABLED = false

        [service]
        DISABLE_REGISTRATION = true

        [mailer]
        ENABLED = false

        [actions]
        ENABLED = false

        [cron]
        ENABLED = false

        [indexer]
        REPO_INDEXER_ENABLED = false

        [log]
        MODE = console
        LEVEL = Warn
        ROOT_PATH = %1$s/log
        """.formatted(dir, install, port, System.getProperty("user.name"), UUID.randomUUID(),
        "tok" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String origin() {
    return origin;
  }

  /** The admin user's password (for Git over HTTP). */
  public String password() {
    return password;
  }

  /** The admin user's API token, with every scope. */
  public String token() {
    return token;
  }

  /** A repository's clone URL. */
  public String cloneUrl(String repo) {
    return origin + "/" + USER + "/" + repo + ".git";
  }

  /** Creates an empty repository owned by the admin user. */
  public void createRepository(String name) {
    api("POST", "/user/repos", "{\"name\": \"" + name + "\", \"default_branch\": \"main\"}", 201);
  }

  /** Calls the API as the admin user and returns the answer's body; any other status than {@code expected} fails. */
  public String api(String method, String path, String json, int expected) {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(origin + "/api/v1" + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "token " + token)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != expected) {
        throw new IllegalStateException("gitea " + method + " " + path + ": HTTP " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException("gitea " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling gitea", e);
    }
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
