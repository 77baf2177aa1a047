package dev.driftless.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.driftless.access.PrincipalPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Function URL events as the Lambda runtime hands them to the API handler. */
public final class ApiEvents {

  private ApiEvents() {}

  public static final String CALLER = "arn:aws:iam::123456789012:user/ada";

  /** The bootstrap admins of tests that act as {@link #CALLER} only. */
  public static List<PrincipalPattern> admins() {
    return List.of(PrincipalPattern.parse(CALLER));
  }

  /** The event as {@code caller} sends it (null: no authorizer, as an unauthenticated request would be). */
  public static APIGatewayV2HTTPEvent as(String caller, String method, String pathAndQuery, String body,
      String... headers) {
    APIGatewayV2HTTPEvent e = event(method, pathAndQuery, body, headers);
    e.getRequestContext().setAuthorizer(caller == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer
        .builder().withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(caller).build()).build());
    return e;
  }

  public static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String body, String... headers) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String raw = q < 0 ? "" : pathAndQuery.substring(q + 1);
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
    var iam = APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(CALLER).withAccountId("123456789012")
        .build();
    var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-" + System.nanoTime())
        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(iam).build()).build();
    return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRawPath(path).withRawQueryString(raw)
        .withHeaders(h).withBody(body).withIsBase64Encoded(false).withRequestContext(ctx).build();
  }
}
