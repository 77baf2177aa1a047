package dev.driftless.functions;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.api.UnreachableStateApi;
import dev.driftless.reconcile.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing and error shapes, with no AWS behind the handler: its DynamoDB client points at a closed port, so
 * any request that reaches the state table fails, and must fail as a bare 500.
 */
class ApiHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private ApiHandler handler() {
    return UnreachableStateApi.handler(new Settings("t", "bus", tmp, 1L << 20, Path.of("kustomize"),
        Path.of("helm"), Duration.ofDays(1)), Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
  }

  private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
    return JSON.readTree(r.getBody());
  }

  @Test
  void anUnknownPathIs404WithAJsonErrorNamingThePath() throws Exception {
    var r = handler().handleRequest(event("GET", "/api/nothing-here", null), null);
    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(body(r).path("error").asText()).contains("/api/nothing-here");
  }

  @Test
  void aKnownPathWithAnotherMethodIs405ListingTheAllowedMethods() throws Exception {
    var r = handler().handleRequest(event("POST", "/api/clusters/prod", "{}"), null);
    assertThat(r.getStatusCode()).isEqualTo(405);
    assertThat(r.getHeaders().get("Allow")).contains("PUT", "GET", "DELETE");
    assertThat(body(r).path("error").asText()).contains("POST").contains("/api/clusters/prod");
    assertThat(body(r).has("allow")).isFalse();
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    String big = "x".repeat((1 << 20) + 1);
    var r = handler().handleRequest(event("PUT", "/api/applications/web", big, "Content-Type", "application/yaml"),
        null);
    assertThat(r.getStatusCode()).isEqualTo(413);
    assertThat(body(r).path("error").asText()).contains("larger than");
  }

  @Test
  void anUnsupportedContentTypeIs415() throws Exception {
    var r = handler().handleRequest(event("PUT", "/api/clusters/prod", "auth=eks", "Content-Type", "text/plain"), null);
    assertThat(r.getStatusCode()).isEqualTo(415);
    assertThat(body(r).path("error").asText()).contains("text/plain");
  }

  @Test
  void anInvalidLimitIs400NamingTheParameter() throws Exception {
    var r = handler().handleRequest(event("GET", "/api/applications?limit=5000", null), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).path("error").asText()).contains("limit").contains("1 to 100");
  }

  @Test
  void anInvalidClusterBodyIs400NamingTheFieldBeforeAnythingIsStored() throws Exception {
    var r = handler().handleRequest(event("PUT", "/api/clusters/prod",
        "{\"auth\": \"token\", \"server\": \"https://k8s.example:6443\"}"), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).path("error").asText()).isEqualTo(
        "cluster prod: secretId (a Secrets Manager id) is required with auth token");
  }

  @Test
  void aMalformedJsonBodyIs400SayingWhere() throws Exception {
    var r = handler().handleRequest(event("POST", "/api/applications/web/sync", "{\"revision\": ",
        "Content-Type", "application/json"), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).path("error").asText()).startsWith("sync of application web: the body is not valid JSON at line 1");
  }

  @Test
  void aFailureBeyondTheApiIs500WithTheRequestIdAndNoExceptionText() throws Exception {
    var e = event("GET", "/api/clusters", null);
    var r = handler().handleRequest(e, null);
    assertThat(r.getStatusCode()).isEqualTo(500);
    JsonNode b = body(r);
    assertThat(b.path("error").asText()).isEqualTo("internal error");
    assertThat(b.path("requestId").asText()).isEqualTo(e.getRequestContext().getRequestId());
    assertThat(r.getBody()).doesNotContain("127.0.0.1").doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void aBase64BodyIsDecodedBeforeParsing() throws Exception {
    var e = event("POST", "/api/applications/web/sync",
        Base64.getEncoder().encodeToString("{\"revision\": \"has space\"}".getBytes()));
    e.setIsBase64Encoded(true);
    var r = handler().handleRequest(e, null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(body(r).path("error").asText()).contains("revision must be a branch");
  }

  @Test
  void theCallerIsReadFromTheIamAuthorizer() {
    assertThat(ApiHandler.caller(event("GET", "/api/clusters", null)))
        .isEqualTo("arn:aws:iam::123456789012:user/ada");
  }
}
