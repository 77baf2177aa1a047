package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.driftless.access.AccessControl;
import dev.driftless.access.PrincipalPattern;
import dev.driftless.functions.api.Api;
import dev.driftless.functions.api.ApiRequest;
import dev.driftless.functions.api.ApiResponse;
import dev.driftless.reconcile.AwsClients;
import dev.driftless.reconcile.Settings;
import dev.driftless.state.AccessStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API behind a Lambda Function URL with AWS_IAM auth: adapts the HTTP event to {@link Api} and back,
 * and logs who did what (the caller's IAM ARN, method, path, status, duration; never a body).
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private final Api api;
  private final Clock clock;

  public ApiHandler() {
    this(System.getenv(), AwsClients.build(DynamoDbClient.builder()));
  }

  /** One DynamoDB client per container, shared by the engine's stores and the access policy's. */
  private ApiHandler(Map<String, String> env, DynamoDbClient ddb) {
    this(Functions.fromEnvironment(env, ddb), new AccessStore(ddb, Settings.fromEnvironment(env).table(),
        Clock.systemUTC()), AccessControl.bootstrapAdmins(env.get(AccessControl.ADMINS_ENV)));
  }

  /** Over the policy in {@code policy}, with {@code bootstrapAdmins} admins whatever the policy says. */
  public ApiHandler(Functions fn, AccessStore policy, List<PrincipalPattern> bootstrapAdmins) {
    this(fn, policy, bootstrapAdmins, fn.clock());
  }

  public ApiHandler(Functions fn, AccessStore policy, List<PrincipalPattern> bootstrapAdmins, Clock clock) {
    this.api = new Api(fn, policy, AccessControl.over(policy, bootstrapAdmins, clock), clock);
    this.clock = clock;
    Priming.register();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    Instant start = clock.instant();
    ApiRequest req = request(event, context);
    ApiResponse res = api.handle(req);
    LOG.info("{} {} {} -> {} ({} ms, request {})", req.caller(), req.method(), req.path(), res.status(),
        Duration.between(start, clock.instant()).toMillis(), req.requestId());
    Map<String, String> headers = new LinkedHashMap<>(res.headers());
    headers.put("Content-Type", "application/json");
    return APIGatewayV2HTTPResponse.builder().withStatusCode(res.status()).withHeaders(headers)
        .withBody(res.bodyText()).withIsBase64Encoded(false).build();
  }

  static ApiRequest request(APIGatewayV2HTTPEvent e, Context context) {
    var rc = e.getRequestContext();
    String method = rc != null && rc.getHttp() != null ? rc.getHttp().getMethod() : null;
    String path = e.getRawPath() != null ? e.getRawPath() : rc != null && rc.getHttp() != null
        ? rc.getHttp().getPath() : "/";
    String body = e.getBody();
    if (body != null && e.getIsBase64Encoded()) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    String requestId = rc != null && rc.getRequestId() != null ? rc.getRequestId()
        : context != null ? context.getAwsRequestId() : null;
    return new ApiRequest(method, path, query(e), e.getHeaders(), body, caller(e), requestId);
  }

  /**
   * The IAM caller's ARN (or its id) from the Function URL's AWS_IAM authorizer, and from nothing else: a
   * header naming a caller is the local runner's, and is ignored here.
   */
  static String caller(APIGatewayV2HTTPEvent e) {
    var rc = e.getRequestContext();
    if (rc == null || rc.getAuthorizer() == null || rc.getAuthorizer().getIam() == null) return null;
    var iam = rc.getAuthorizer().getIam();
    return iam.getUserArn() != null ? iam.getUserArn() : iam.getCallerId();
  }

  private static Map<String, String> query(APIGatewayV2HTTPEvent e) {
    if (e.getQueryStringParameters() != null) return e.getQueryStringParameters();
    Map<String, String> q = new LinkedHashMap<>();
    String raw = e.getRawQueryString();
    if (raw == null || raw.isEmpty()) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException bad) {
        // A malformed pair is left out.
      }
    }
    return q;
  }
}
