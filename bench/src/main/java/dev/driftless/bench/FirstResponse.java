package dev.driftless.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.functions.local.LocalContext;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Measures a handler's cold start as Lambda would see it without SnapStart: JVM start to the first
 * response. Builds the handler with its no-argument constructor (reading the environment, as in Lambda) and
 * invokes it once with the given event, then prints the milliseconds since the JVM started.
 *
 * <p>Arguments: handler class, event kind (sqs-empty | schedule | http), and for http a path.
 */
public final class FirstResponse {

  private FirstResponse() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    RequestHandler handler = (RequestHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    Object event = switch (args[1]) {
      case "sqs-empty" -> {
        var e = new SQSEvent();
        e.setRecords(List.of());
        yield e;
      }
      case "schedule" -> new ScheduledEvent();
      default -> APIGatewayV2HTTPEvent.builder()
          .withRawPath(args.length > 2 ? args[2] : "/").withHeaders(Map.of())
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
              .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                  .withMethod("GET").withPath(args.length > 2 ? args[2] : "/").build()).build())
          .build();
    };
    Context ctx = new LocalContext("bench", Duration.ofMinutes(10), Clock.systemUTC());
    handler.handleRequest(event, ctx);
    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("FIRST_RESPONSE_MS " + ms);
  }
}
