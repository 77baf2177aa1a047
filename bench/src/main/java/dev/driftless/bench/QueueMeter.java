package dev.driftless.bench;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Counts the messages an SQS client sends (one per SendMessage, one per entry of a SendMessageBatch) and the send
 * requests, as an execution interceptor. The benchmark's own receives and deletes go through another client.
 */
final class QueueMeter implements ExecutionInterceptor {

  private final LongAdder messages = new LongAdder();
  private final LongAdder sendRequests = new LongAdder();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (context.request() instanceof SendMessageRequest) {
      messages.increment();
      sendRequests.increment();
    } else if (context.request() instanceof SendMessageBatchRequest r) {
      messages.add(r.entries().size());
      sendRequests.increment();
    }
  }

  long messages() {
    return messages.sum();
  }

  long sendRequests() {
    return sendRequests.sum();
  }
}
