package dev.driftless.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router = new Router()
      .add("GET", "/api/applications", (r, p) -> ApiResponse.of(200, Views.object().put("route", "list")))
      .add("GET", "/api/applications/{name}", (r, p) -> ApiResponse.of(200, Views.object().put("name", p.get("name"))))
      .add("GET", "/api/applications/{name}/history", (r, p) -> ApiResponse.of(200,
          Views.object().put("history", p.get("name"))));

  private static ApiRequest get(String path) {
    return new ApiRequest("GET", path, Map.of(), Map.of(), null, null, "r1");
  }

  @Test
  void parametersAreTakenFromTheirSegmentsDecoded() {
    assertThat(router.route(get("/api/applications/web%2Dprod")).body().path("name").asText()).isEqualTo("web-prod");
    assertThat(router.route(get("/api/applications/web/history")).body().path("history").asText()).isEqualTo("web");
    assertThat(router.route(get("/api/applications/")).body().path("route").asText()).isEqualTo("list");
  }

  @Test
  void aPathWithNoRouteIsNotFoundAndAnotherMethodIsNotAllowed() {
    assertThatThrownBy(() -> router.route(get("/api/applications/web/other")))
        .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
    assertThatThrownBy(() -> router.route(new ApiRequest("delete", "/api/applications", Map.of(), Map.of(), null,
        null, "r1"))).isInstanceOf(ApiException.class)
        .hasMessage("method DELETE is not allowed on /api/applications (allowed: GET)")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(405));
  }

  @Test
  void headerNamesCompareWithoutCase() {
    ApiRequest r = new ApiRequest("PUT", "/", Map.of(), Map.of("if-match", "\"3\""), "x", null, null);
    assertThat(r.header("If-Match")).contains("\"3\"");
    assertThat(r.caller()).isEqualTo("anonymous");
  }
}
