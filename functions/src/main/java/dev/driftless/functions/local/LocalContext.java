package dev.driftless.functions.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A Lambda context for local invocations, tests and benchmarks: a function name, a request id and a real deadline. */
public final class LocalContext implements Context {

  private final String function;
  private final String requestId = UUID.randomUUID().toString();
  private final Instant deadline;
  private final Clock clock;

  public LocalContext(String function, Duration timeout, Clock clock) {
    this.function = function;
    this.clock = clock;
    this.deadline = clock.instant().plus(timeout);
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/local/" + function; }
  @Override public String getLogStreamName() { return "local"; }
  @Override public String getFunctionName() { return function; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:" + function; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
  }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { System.err.println(message); }
      @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
    };
  }
}
