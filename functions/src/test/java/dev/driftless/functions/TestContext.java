package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.time.Instant;

/** A Lambda context with a real deadline, for driving handlers in tests. */
final class TestContext implements Context {

  private final Instant deadline;

  TestContext(Duration timeout) {
    this.deadline = Instant.now().plus(timeout);
  }

  @Override public String getAwsRequestId() { return "test-request"; }
  @Override public String getLogGroupName() { return "test"; }
  @Override public String getLogStreamName() { return "test"; }
  @Override public String getFunctionName() { return "test"; }
  @Override public String getFunctionVersion() { return "1"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:test"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
  }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { System.err.println(message); }
      @Override public void log(byte[] message) { System.err.println(new String(message)); }
    };
  }
}
