package dev.driftless.functions.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context with 10 minutes left, for benchmarks. */
final class BenchContext implements Context {
  private final long deadline = System.currentTimeMillis() + 600_000;
  @Override public String getAwsRequestId() { return "bench"; }
  @Override public String getLogGroupName() { return "bench"; }
  @Override public String getLogStreamName() { return "bench"; }
  @Override public String getFunctionName() { return "bench"; }
  @Override public String getFunctionVersion() { return "1"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String m) { }
      @Override public void log(byte[] m) { }
    };
  }
}
