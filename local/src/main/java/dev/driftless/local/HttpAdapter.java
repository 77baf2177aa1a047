package dev.driftless.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.driftless.functions.local.LocalContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Serves a Function URL handler over local HTTP: the request becomes the same v2 payload a Function URL
 * sends (lower-cased headers, raw path and query, base64 body), the handler's response goes back as is.
 * The IAM authorizer's caller is the {@code X-Driftless-Caller} header, or {@link LocalRunner#LOCAL_ADMIN} without one:
 * the local runner stands in for IAM, so tests and {@code driftless --as} can act as several principals.
 */
final class HttpAdapter implements HttpHandler {

  /** Bodies larger than this are cut off here; the handlers enforce their own (smaller) limits. */
  static final int MAX_BODY = 8 * 1024 * 1024;
  /** Names the caller of a local request; without it the caller is {@link LocalRunner#LOCAL_ADMIN}. */
  static final String CALLER_HEADER = "x-driftless-caller";

  private final String function;
  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
  private final Clock clock;

  HttpAdapter(String function, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, Clock clock) {
    this.function = function;
    this.handler = handler;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      Map<String, String> headers = new HashMap<>();
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
      }
      APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
          .withVersion("2.0")
          .withRawPath(ex.getRequestURI().getRawPath())
          .withRawQueryString(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery())
          .withQueryStringParameters(query(ex.getRequestURI().getRawQuery()))
          .withHeaders(headers)
          .withBody(Base64.getEncoder().encodeToString(body))
          .withIsBase64Encoded(true)
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
              .withRequestId(UUID.randomUUID().toString())
              .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                  .withMethod(ex.getRequestMethod())
                  .withPath(ex.getRequestURI().getRawPath())
                  .withSourceIp(ex.getRemoteAddress().getAddress().getHostAddress())
                  .build())
              .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                  .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                      .withUserArn(headers.getOrDefault(CALLER_HEADER, LocalRunner.LOCAL_ADMIN)).build())
                  .build())
              .build())
          .build();
      APIGatewayV2HTTPResponse r = handler.handleRequest(event, new LocalContext(function, Duration.ofSeconds(30), clock));
      byte[] out = r.getBody() == null ? new byte[0]
          : r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody()) : r.getBody().getBytes(StandardCharsets.UTF_8);
      if (r.getHeaders() != null) r.getHeaders().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(r.getStatusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (RuntimeException e) {
      byte[] out = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(500, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      q.merge(k, v, (a, b) -> a + "," + b);
    }
    return q;
  }
}
