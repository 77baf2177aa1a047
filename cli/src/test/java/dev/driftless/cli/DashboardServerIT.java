package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.fixture.LocalDriftless;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.functions.SyncHandler;
import dev.driftless.reconcile.EventBridgeSink;
import dev.driftless.state.AccessStore;
import dev.driftless.testkit.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The dashboard server in front of the real API handler (moto for its table): answers pass through as the API
 * gives them.
 */
@LocalAws
class DashboardServerIT {

  @TempDir Path tmp;
  private final EventBridgeClient eventBridge = EventBridgeClient.create();
  private LocalDriftless local;
  private Worker worker;
  private Functions functions;
  private ApiServer api;
  private DashboardServer dashboard;

  @BeforeEach
  void start() throws Exception {
    String bus = "dashboard-" + UUID.randomUUID();
    eventBridge.createEventBus(r -> r.name(bus));
    local = LocalDriftless.start(tmp, new EventBridgeSink(eventBridge, bus));
    Functions[] fn = new Functions[1];
    worker = new Worker(() -> new SyncHandler(fn[0]));
    fn[0] = new Functions(local.reconciler(), local.parts(), worker, Clock.systemUTC());
    functions = fn[0];
    api = serve(List.of(PrincipalPattern.parse(ApiServer.CALLER)));
    dashboard = DashboardServer.start(client(api), UiCommand.PAGES, 0, new PrintWriter(new StringWriter(), true));
  }

  private ApiServer serve(List<PrincipalPattern> admins) throws Exception {
    return ApiServer.start(new ApiHandler(functions, new AccessStore(local.ddb, local.settings.table(),
        Clock.systemUTC()), admins));
  }

  private static ApiClient client(ApiServer server) {
    return new ApiClient(server.uri(), null, HttpClient.newHttpClient());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    api.close();
    worker.close();
    local.close();
  }

  private RawHttp.Response throughDashboard(DashboardServer d, String method, String target, String body)
      throws Exception {
    return RawHttp.send(d.port(), method, target, body, "Host: localhost:" + d.port(), "X-Driftless-Dashboard: 1",
        "Content-Type: application/yaml");
  }

  @Test
  void theApplicationListThroughTheDashboardIsTheApisAnswer() throws Exception {
    RawHttp.Response created = throughDashboard(dashboard, "PUT", "/api/applications/web",
        local.application("web", "web"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    RawHttp.Response list = throughDashboard(dashboard, "GET", "/api/applications?limit=100", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.headers().get("content-type")).startsWith("application/json");
    JsonNode direct = client(api).get("/api/applications?limit=100");
    JsonNode proxied = ApiClient.JSON.readTree(list.body());
    assertThat(proxied).isEqualTo(direct);
    assertThat(proxied.path("items").findValuesAsText("name")).containsExactly("web");
  }

  @Test
  void theApisRefusalOfACallerWithoutPermissionReachesThePageAsTheApiWroteIt() throws Exception {
    try (ApiServer noAdmins = serve(List.of());
        DashboardServer d = DashboardServer.start(client(noAdmins), UiCommand.PAGES, 0,
            new PrintWriter(new StringWriter(), true))) {
      RawHttp.Response r = throughDashboard(d, "GET", "/api/applications", null);
      assertThat(r.status()).isEqualTo(403);
      ApiClient.RawAnswer direct = client(noAdmins).forward("GET", "/api/applications", null, null);
      assertThat(direct.status()).isEqualTo(403);
      ObjectNode body = (ObjectNode) ApiClient.JSON.readTree(r.body());
      assertThat(body.path("missing").asText()).isNotEmpty();
      // The same refusal, but for the id each request gets.
      ObjectNode expected = (ObjectNode) ApiClient.JSON.readTree(direct.body());
      JsonNode withoutId = body.without(List.of("requestId"));
      assertThat(withoutId).isEqualTo(expected.without(List.of("requestId")));
    }
  }
}
