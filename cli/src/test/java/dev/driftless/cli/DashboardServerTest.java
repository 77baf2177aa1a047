package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.testkit.Processes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard server against a recording stand-in for the API: what it serves, what it refuses (each check
 * on its own), and the shape of what it forwards and hands back.
 */
class DashboardServerTest {

  private static final String CALLER = "arn:aws:iam::111122223333:role/dashboard-user";

  @TempDir Path home;
  private final StringWriter log = new StringWriter();
  private RecordingApi api;
  private DashboardServer server;
  private String host;

  @BeforeEach
  void start() throws IOException {
    api = new RecordingApi();
    server = serve(new ApiClient(api.uri(), null, HttpClient.newHttpClient(), CALLER));
  }

  private DashboardServer serve(ApiClient client) throws IOException {
    if (server != null) server.close();
    DashboardServer s = DashboardServer.start(client, "dashboard-test", 0, new PrintWriter(log, true));
    host = "Host: 127.0.0.1:" + s.port();
    return s;
  }

  @AfterEach
  void stop() {
    server.close();
    api.close();
  }

  private RawHttp.Response get(String target, String... headers) throws IOException {
    return RawHttp.send(server.port(), "GET", target, null, headers);
  }

  private RawHttp.Response apiCall(String method, String target, String body, String... more) throws IOException {
    String[] headers = new String[more.length + 2];
    headers[0] = host;
    headers[1] = "X-Driftless-Dashboard: 1";
    System.arraycopy(more, 0, headers, 2, more.length);
    return RawHttp.send(server.port(), method, target, body, headers);
  }

  private static JsonNode json(RawHttp.Response r) throws IOException {
    return ApiClient.JSON.readTree(r.body());
  }

  @Test
  void theIndexAndAModuleAreServedWithTheirContentTypesAndAStrictContentSecurityPolicy() throws IOException {
    RawHttp.Response index = get("/", host);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(index.body()).contains("<title>test dashboard</title>");
    assertThat(index.headers().get("content-security-policy")).isEqualTo("default-src 'self'; script-src 'self'; "
        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        + "form-action 'self'");
    assertThat(index.headers()).containsEntry("x-content-type-options", "nosniff")
        .containsEntry("referrer-policy", "no-referrer");

    RawHttp.Response js = get("/app.js", "Host: localhost:" + server.port());
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.headers().get("content-type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(js.body()).isEqualTo("export const ok = true;\n");
    assertThat(js.headers().get("content-security-policy")).isEqualTo(DashboardServer.CSP);

    RawHttp.Response css = get("/sub/site.css", host);
    assertThat(css.headers().get("content-type")).isEqualTo("text/css; charset=utf-8");
    assertThat(get("/missing.js", host).status()).isEqualTo(404);
    // Classes and other resources of the classpath are not page files.
    assertThat(get("/dev/driftless/cli/Main.class", host).status()).isEqualTo(404);
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void thePagesAddressesWithoutTheirHashAreTheIndexSoACommitStatusLinkOpensTheApplication() throws IOException {
    for (String page : new String[] {"/applications", "/applications/guestbook.prod", "/clusters"}) {
      RawHttp.Response r = get(page, host);
      assertThat(r.status()).as(page).isEqualTo(200);
      assertThat(r.body()).as(page).contains("<title>test dashboard</title>");
    }
    assertThat(get("/applications/web/history", host).status()).isEqualTo(404);
    assertThat(get("/clusters/c1", host).status()).isEqualTo(404);
    assertThat(get("/applications/%2e%2e", host).status()).as("still refused by the guard").isEqualTo(400);
  }

  @Test
  void aForeignHostIsRefusedSoAPageOnARebindingDnsNameCannotReadTheDashboardOrTheApi() throws IOException {
    for (String foreign : new String[] {"Host: evil.example:" + server.port(), "Host: evil.example",
        "Host: 127.0.0.1:1", "Host: 127.0.0.1.evil.example:" + server.port()}) {
      RawHttp.Response page = get("/", foreign);
      assertThat(page.status()).as(foreign).isEqualTo(403);
      assertThat(page.body()).as(foreign).doesNotContain("test dashboard");
      assertThat(json(page).path("error").asText()).startsWith("Host " + foreign.substring(6) + " is not 127.0.0.1:");
      RawHttp.Response call = RawHttp.send(server.port(), "GET", "/api/applications", null, foreign,
          "X-Driftless-Dashboard: 1");
      assertThat(call.status()).as(foreign).isEqualTo(403);
    }
    assertThat(api.requests).isEmpty();
    assertThat(log.toString()).contains("dashboard: refused GET /api/applications: Host evil.example:" + server.port()
        + " is not 127.0.0.1:" + server.port());
  }

  @Test
  void aCrossSiteOriginIsRefusedAndTheDashboardsOwnIsServed() throws IOException {
    RawHttp.Response evil = apiCall("POST", "/api/applications/web/sync", "{}", "Origin: https://evil.example");
    assertThat(evil.status()).isEqualTo(403);
    assertThat(json(evil).path("error").asText()).startsWith("Origin https://evil.example is not this dashboard's");
    RawHttp.Response sandboxed = apiCall("POST", "/api/applications/web/sync", "{}", "Origin: null");
    assertThat(sandboxed.status()).isEqualTo(403);
    RawHttp.Response otherPort = apiCall("POST", "/api/applications/web/sync", "{}", "Origin: http://127.0.0.1:1");
    assertThat(otherPort.status()).isEqualTo(403);
    assertThat(api.requests).isEmpty();

    RawHttp.Response own = apiCall("POST", "/api/applications/web/sync", "{}",
        "Origin: http://127.0.0.1:" + server.port());
    assertThat(own.status()).isEqualTo(200);
    assertThat(api.requests).hasSize(1);
  }

  @Test
  void anApiRequestWithoutTheDashboardHeaderIsRefusedAndNeverReachesTheApi() throws IOException {
    RawHttp.Response none = RawHttp.send(server.port(), "POST", "/api/applications/web/sync", "{}", host,
        "Content-Type: text/plain");
    assertThat(none.status()).isEqualTo(403);
    assertThat(json(none).path("error").asText()).startsWith("/api/ requests need the header X-Driftless-Dashboard: 1");
    RawHttp.Response wrong = RawHttp.send(server.port(), "GET", "/api/whoami", null, host, "X-Driftless-Dashboard: 0");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(api.requests).isEmpty();
    assertThat(log.toString()).contains("dashboard: refused POST /api/applications/web/sync: /api/ requests need");
  }

  @Test
  void methodsOutsideTheAllowListAreRefusedSoNoPreflightIsEverGranted() throws IOException {
    RawHttp.Response preflight = apiCall("OPTIONS", "/api/applications", null,
        "Access-Control-Request-Method: POST");
    assertThat(preflight.status()).isEqualTo(405);
    assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");
    assertThat(apiCall("PATCH", "/api/applications/web", "{}").status()).isEqualTo(405);
    assertThat(RawHttp.send(server.port(), "POST", "/index.html", "x", host).status()).isEqualTo(405);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void pathsThatStepOutOfTheApiOrThePageFolderAreRefusedHoweverTheyAreEncoded() throws IOException {
    for (String target : new String[] {"/../dashboard-test-private/private.json",
        "/%2e%2e/dashboard-test-private/private.json", "/%2E%2E/dashboard-test-private/private.json",
        "/sub/..%2f..%2fdashboard-test-private/private.json", "/.%2e/dashboard-test-private/private.json",
        "/sub%2f..%2f..%2fdashboard-test-private%2fprivate.json", "/..%5cdashboard-test-private%5cprivate.json"}) {
      RawHttp.Response r = get(target, host);
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(r.body()).as(target).doesNotContain("not a page file");
    }
    for (String target : new String[] {"/api/../admin", "/api/..%2fadmin", "/api/%2e%2e/admin",
        "/api/applications/..%2F..%2Fadmin", "/api/applications/%2e/sync", "/api//applications"}) {
      RawHttp.Response r = apiCall("GET", target, null);
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(json(r).path("error").asText()).as(target).startsWith("path ");
    }
    assertThat(api.requests).isEmpty();
  }

  @Test
  void theRequestIsForwardedWithItsMethodPathQueryAndBodyButNoneOfTheBrowsersCredentials() throws IOException {
    api.answer(202, "{\"queued\":true}");
    RawHttp.Response r = apiCall("POST", "/api/applications/my%20app/sync?dryRun=true&x=a%2Fb", "{\"prune\":true}",
        "Content-Type: application/json", "Cookie: session=browser-cookie", "Authorization: Bearer browser-token",
        "X-Driftless-Caller: arn:aws:iam::999999999999:root", "X-Amz-Security-Token: browser-session");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("{\"queued\":true}");
    assertThat(r.headers()).containsEntry("cache-control", "no-store").containsEntry("content-type", "application/json")
        .containsEntry("content-security-policy", DashboardServer.CSP);

    assertThat(api.requests).hasSize(1);
    RecordingApi.Request got = api.requests.get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.pathAndQuery()).isEqualTo("/api/applications/my%20app/sync?dryRun=true&x=a%2Fb");
    assertThat(got.body()).isEqualTo("{\"prune\":true}");
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("X-Driftless-Caller")).isEqualTo(CALLER);
    assertThat(got.headers()).doesNotContainKeys("cookie", "authorization", "x-amz-security-token", "origin",
        "x-driftless-dashboard");
  }

  @Test
  void aRequestToADeploymentIsSignedWithSigV4ForTheRequestAsForwarded() throws Exception {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null,
        "access keys in this process's environment would sign before the test's profile is read");
    Path credentials = home.resolve("credentials");
    Files.writeString(credentials, """
        [dashboard]
        aws_access_key_id = AKIADASHBOARDTEST
        aws_secret_access_key = dashboard-test-secret
        """);
    Terminal t = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_CONFIG_FILE",
            home.resolve("none").toString(), "AWS_PROFILE", "dashboard"), home, false,
        Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
    RequestSigner signer = new RequestSigner(SigningCredentials.of(t), "eu-west-1", t.clock());
    server = serve(new ApiClient(api.uri(), signer, HttpClient.newHttpClient()));

    String body = "{\"historyId\":\"h1\"}";
    assertThat(apiCall("POST", "/api/applications/web/rollback?x=1", body, "Content-Type: application/json",
        "Authorization: Bearer browser-token").status()).isEqualTo(200);
    RecordingApi.Request got = api.requests.get(0);
    String auth = got.header("Authorization");
    assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=AKIADASHBOARDTEST/20261206/eu-west-1/lambda/aws4_request");
    assertThat(got.header("X-Amz-Date")).isEqualTo("20261206T100000Z");
    assertThat(got.header("x-amz-content-sha256")).isEqualTo(RequestSigner.sha256(body.getBytes()));
    // The signature covers the request the API gets: signing what arrived gives the same one.
    URI arrived = URI.create(api.uri() + got.pathAndQuery());
    String expected = signer.sign(got.method(), arrived, Map.of("Accept", got.header("Accept"), "Content-Type",
        got.header("Content-Type")), got.body()).get("Authorization").get(0);
    assertThat(auth).isEqualTo(expected);
  }

  @Test
  void anApiRefusalComesBackWithItsStatusAndBodyUnchanged() throws IOException {
    String refusal = "{\"error\":\"arn:aws:iam::111122223333:role/dashboard-user may not sync web\","
        + "\"missing\":\"applications/sync default/web\",\"requestId\":\"r-1\"}";
    api.answer(403, refusal);
    RawHttp.Response r = apiCall("POST", "/api/applications/web/sync", "{}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo(refusal);
    api.answer(409, "{\"error\":\"rollback refused\",\"automated\":true}");
    RawHttp.Response conflict = apiCall("POST", "/api/applications/web/rollback", "{}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body()).isEqualTo("{\"error\":\"rollback refused\",\"automated\":true}");
  }

  @Test
  void anAnswerThatClaimsToBeAPageIsHandedBackAsPlainTextNeverAsHtmlOfTheDashboardsOrigin() throws IOException {
    api.answer(200, "<script src=/api/x></script>").contentType("text/html");
    RawHttp.Response r = apiCall("GET", "/api/applications", null);
    assertThat(r.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
    api.contentType("application/json; charset=utf-8");
    assertThat(apiCall("GET", "/api/applications", null).headers().get("content-type"))
        .isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void anUnreachableApiIsA502ThatSaysWhatFailed() throws IOException {
    URI gone = api.uri();
    api.close();
    server = serve(new ApiClient(gone, null, HttpClient.newHttpClient(), CALLER));
    RawHttp.Response r = apiCall("GET", "/api/applications", null);
    assertThat(r.status()).isEqualTo(502);
    assertThat(json(r).path("error").asText()).isEqualTo("cannot connect to " + gone + " (is the server running?)");
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedBeforeItIsReadAndNotForwarded() throws IOException {
    // Declared only: the server answers from the header, without reading (or waiting for) the body.
    RawHttp.Response r = apiCall("PUT", "/api/applications/web", null, "Content-Type: application/json",
        "Content-Length: " + (ApiProxy.MAX_BODY + 1));
    assertThat(r.status()).isEqualTo(413);
    assertThat(json(r).path("error").asText()).isEqualTo("request body larger than 1048576 bytes");
    assertThat(api.requests).isEmpty();
    assertThat(apiCall("PUT", "/api/applications/web", "{\"x\":1}", "Content-Type: application/json").status())
        .isEqualTo(200);
  }

  @Test
  void driftlessUiPrintsTheUrlOnceListeningAndServesUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(), home,
        false, Clock.systemUTC());
    Thread ui = new Thread(() -> Main.run(t, "--server", api.uri().toString(), "--as", CALLER, "ui", "--port", "0"));
    ui.start();
    Pattern line = Pattern.compile("^Dashboard: http://127\\.0\\.0\\.1:(\\d+)/$", Pattern.MULTILINE);
    Processes.await("the Dashboard line", Duration.ofSeconds(30), () -> line.matcher(out.toString()).find());
    Matcher m = line.matcher(out.toString());
    assertThat(m.find()).isTrue();
    int port = Integer.parseInt(m.group(1));
    RawHttp.Response r = RawHttp.send(port, "GET", "/api/whoami", null, "Host: 127.0.0.1:" + port,
        "X-Driftless-Dashboard: 1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(api.requests.get(0).header("X-Driftless-Caller")).isEqualTo(CALLER);

    ui.interrupt();
    ui.join(Duration.ofSeconds(30).toMillis());
    assertThat(ui.isAlive()).isFalse();
    assertThat(Processes.answers("http://127.0.0.1:" + port + "/")).isFalse();
  }
}
