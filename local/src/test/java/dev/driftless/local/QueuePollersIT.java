package dev.driftless.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.Processes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The work queue's pollers against the local SQS: message groups in parallel, each group in order, one at a time. */
@LocalAws
class QueuePollersIT {

  private final SqsClient sqs = SqsClient.create();

  /** Records what it is handed; the first message of each group waits until both groups are in flight. */
  private static final class Recorder implements RequestHandler<SQSEvent, SQSBatchResponse> {
    final CountDownLatch bothGroupsInFlight = new CountDownLatch(2);
    final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    final List<String> handled = new CopyOnWriteArrayList<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
      assertThat(event.getRecords()).as("one message per invocation").hasSize(1);
      String body = event.getRecords().get(0).getBody();
      String group = body.substring(0, 1);
      if (!inFlight.add(group)) overlaps.add(body);
      try {
        if (body.endsWith("1")) {
          bothGroupsInFlight.countDown();
          bothGroupsInFlight.await(30, TimeUnit.SECONDS);
        }
        handled.add(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.remove(group);
      }
      return new SQSBatchResponse(List.of());
    }
  }

  @Test
  void twoPollersHandleTwoMessageGroupsAtOnceAndEachGroupInOrderOneAtATime() {
    String url = sqs.createQueue(r -> r.queueName("pollers-" + UUID.randomUUID() + ".fifo").attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
    Recorder recorder = new Recorder();
    try (QueuePollers pollers = QueuePollers.start(sqs, url, 2, recorder, Clock.systemUTC(), Duration.ofMinutes(1),
        "test")) {
      List<String> sent = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        for (String group : List.of("a", "b")) {
          String body = group + i;
          sqs.sendMessage(r -> r.queueUrl(url).messageGroupId(group).messageBody(body));
          sent.add(body);
        }
      }
      Processes.await("all six messages handled", Duration.ofSeconds(60), () -> recorder.handled.size() == sent.size());
    }

    assertThat(recorder.bothGroupsInFlight.getCount()).as("groups a and b handled at the same time").isZero();
    assertThat(recorder.overlaps).as("messages handled while their group had one in flight").isEmpty();
    assertThat(recorder.handled.stream().filter(b -> b.startsWith("a"))).containsExactly("a1", "a2", "a3");
    assertThat(recorder.handled.stream().filter(b -> b.startsWith("b"))).containsExactly("b1", "b2", "b3");
  }
}
