package dev.driftless.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.access.AccessControl;
import dev.driftless.access.AccessDeniedException;
import dev.driftless.access.Permission;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.state.AccessStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final String ADMIN = "arn:aws:iam::123456789012:user/ada";
  // Never read: only its bootstrap admin and anonymous callers ask, and neither needs the stored policy.
  private final AccessControl access = AccessControl.over(new AccessStore(null, "unused", Clock.systemUTC()),
      List.of(PrincipalPattern.parse(ADMIN)), Clock.systemUTC());
  private final List<String> ran = new ArrayList<>();
  private final Router router = new Router(access)
      .add("GET", "/api/applications", Need.nothing(),
          (r, p) -> ApiResponse.of(200, Views.object().put("route", "list")))
      .add("GET", "/api/applications/{name}", Need.nothing(),
          (r, p) -> ApiResponse.of(200, Views.object().put("name", p.get("name"))))
      .add("GET", "/api/applications/{name}/history", Need.nothing(), (r, p) -> ApiResponse.of(200,
          Views.object().put("history", p.get("name"))))
      .add("DELETE", "/api/clusters/{name}", Need.global(Permission.CLUSTERS_DELETE, "cluster"), (r, p) -> {
        ran.add(p.get("name"));
        return ApiResponse.of(200, Views.object());
      });

  @Test
  void aRouteRunsOnlyAfterItsNeedIsGrantedAndARefusalNamesThePermission() {
    ApiRequest anonymous = new ApiRequest("DELETE", "/api/clusters/c1", Map.of(), Map.of(), null, null, "r1");
    assertThatThrownBy(() -> router.route(anonymous)).isInstanceOf(AccessDeniedException.class)
        .hasMessage("permission denied: anonymous lacks clusters/delete on cluster c1");
    assertThat(ran).isEmpty();
    router.route(new ApiRequest("DELETE", "/api/clusters/c1", Map.of(), Map.of(), null, ADMIN, "r2"));
    assertThat(ran).containsExactly("c1");
  }

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
