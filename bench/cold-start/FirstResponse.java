import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * One handler's cold start as Lambda sees it without SnapStart: JVM start to the first response, run by
 * scripts/bench-jars in a new JVM whose class path is one Lambda jar and this class only, so a class the jar
 * lacks fails here as it would in Lambda. Builds the handler with its no-argument constructor (reading the
 * environment) and invokes it once.
 *
 * <p>Arguments: handler class, then {@code sqs-empty}, {@code schedule}, {@code get PATH} or {@code url EVENT.json}
 * (a Function URL event from events/).
 */
public final class FirstResponse {

  private FirstResponse() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    RequestHandler handler = (RequestHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    Object event = switch (args[1]) {
      case "sqs-empty" -> {
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of());
        yield e;
      }
      case "schedule" -> new ScheduledEvent();
      case "get" -> APIGatewayV2HTTPEvent.builder().withRawPath(args[2]).withHeaders(Map.of())
          .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
              .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(args[2]).build())
              .build())
          .build();
      case "url" -> new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .readValue(new File(args[2]), APIGatewayV2HTTPEvent.class);
      default -> throw new IllegalArgumentException(
          "event kind " + args[1] + ": expected sqs-empty, schedule, get or url");
    };
    Object response = handler.handleRequest(event, new ProbeContext());
    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    String answer = response instanceof APIGatewayV2HTTPResponse r
        ? "HTTP " + r.getStatusCode() : String.valueOf(response);
    System.out.println("FIRST_RESPONSE_MS " + ms + " " + answer);
  }

  /** The Lambda context the handlers read: a name and ten minutes left. */
  private static final class ProbeContext implements Context {
    private final long deadline = System.currentTimeMillis() + 600_000;

    @Override public String getAwsRequestId() { return "first-response"; }
    @Override public String getLogGroupName() { return "first-response"; }
    @Override public String getLogStreamName() { return "first-response"; }
    @Override public String getFunctionName() { return "first-response"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:first-response";
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { System.err.println(message); }
        @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
      };
    }
  }
}
