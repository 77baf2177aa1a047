package dev.driftless.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The pollers of one queue, each on its own thread, so that up to {@code count} messages are handled at once,
 * as Lambda runs up to its event source's maximum concurrency.
 */
final class QueuePollers implements AutoCloseable {

  private final List<QueuePoller> pollers;
  private final ExecutorService threads;

  private QueuePollers(List<QueuePoller> pollers, ExecutorService threads) {
    this.pollers = pollers;
    this.threads = threads;
  }

  /** Starts {@code count} pollers of {@code queueUrl}; {@code timeout} is each invocation's deadline. */
  static QueuePollers start(SqsClient sqs, String queueUrl, int count,
      RequestHandler<SQSEvent, SQSBatchResponse> handler, Clock clock, Duration timeout, String name) {
    ReentrantLock receiveLock = new ReentrantLock();
    List<QueuePoller> pollers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(count, LocalHttpServer.named("driftless-" + name + "-"));
    for (int i = 0; i < count; i++) {
      QueuePoller p = new QueuePoller(sqs, queueUrl, handler, receiveLock, clock, timeout);
      pollers.add(p);
      threads.execute(p);
    }
    return new QueuePollers(pollers, threads);
  }

  @Override
  public void close() {
    pollers.forEach(QueuePoller::stop);
    threads.shutdownNow();
  }
}
