package dev.driftless.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.functions.ApiHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal stand-in for a Function URL in tests: serves the real {@link ApiHandler} on a loopback port,
 * turning each HTTP exchange into an {@link APIGatewayV2HTTPEvent} and the handler's answer back.
 */
final class ApiServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  /** Every request comes from this IAM user, as the Function URL's authorizer would say. */
  static final String CALLER = "arn:aws:iam::000000000000:user/driftless-cli-test";

  private ApiServer(HttpServer server) {
    this.server = server;
  }

  static ApiServer start(ApiHandler handler) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ApiServer api = new ApiServer(s);
    s.setExecutor(api.pool);
    s.createContext("/", exchange -> serve(handler, exchange));
    s.start();
    return api;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void serve(ApiHandler handler, HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI u = ex.getRequestURI();
      var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(UUID.randomUUID().toString())
          .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(ex.getRequestMethod())
              .withPath(u.getRawPath()).build())
          .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(
              APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(CALLER).build()).build()).build();
      APIGatewayV2HTTPEvent e = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(u.getRawPath())
          .withRawQueryString(u.getRawQuery() == null ? "" : u.getRawQuery()).withHeaders(headers)
          .withBody(body.isEmpty() ? null : body).withIsBase64Encoded(false).withRequestContext(ctx).build();
      APIGatewayV2HTTPResponse r = handler.handleRequest(e, null);
      byte[] out = r.getBody() == null ? new byte[0] : r.getBody().getBytes(StandardCharsets.UTF_8);
      if (r.getHeaders() != null) r.getHeaders().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(r.getStatusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
