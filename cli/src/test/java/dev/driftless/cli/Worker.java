package dev.driftless.cli;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.functions.SyncHandler;
import dev.driftless.functions.SyncMessage;
import dev.driftless.functions.queue.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The work queue of the CLI tests: each message is delivered, in order and in the background, to the real
 * sync function, as SQS would; or dropped, to test what waiting on an operation that never runs does.
 */
final class Worker implements WorkQueue, AutoCloseable {

  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Supplier<SyncHandler> handler;
  volatile boolean drop;

  Worker(Supplier<SyncHandler> handler) {
    this.handler = handler;
  }

  @Override
  public void enqueue(SyncMessage message, String deduplicationId) {
    if (drop) return;
    thread.submit(() -> deliver(message));
  }

  @Override
  public void enqueueLater(SyncMessage message, Duration delay) {
    enqueue(message, null);
  }

  private void deliver(SyncMessage message) {
    SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
    m.setMessageId(UUID.randomUUID().toString());
    m.setBody(message.toJson());
    SQSEvent e = new SQSEvent();
    e.setRecords(List.of(m));
    handler.get().handleRequest(e, CONTEXT);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private static final Context CONTEXT = new Context() {
    @Override public String getAwsRequestId() { return "cli-test"; }
    @Override public String getLogGroupName() { return "test"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "sync"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:sync"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 120_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
  };
}
