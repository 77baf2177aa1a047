package dev.driftless.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.functions.ClusterScanMessage;
import dev.driftless.functions.SyncMessage;
import dev.driftless.state.Trigger;
import dev.driftless.reconcile.ClusterScan;
import dev.driftless.testkit.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Cluster scans on the real queues (SQS in moto): one sent now goes to the FIFO queue in the cluster's message
 * group and is coalesced with the same scope in the same bucket; one with an offset goes to the delayed queue.
 */
@LocalAws
class SqsWorkQueueIT {

  private final SqsClient sqs = SqsClient.create();
  private final String fifo = sqs.createQueue(r -> r.queueName("scan-" + UUID.randomUUID() + ".fifo")
      .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
  private final String delay = sqs.createQueue(r -> r.queueName("scan-" + UUID.randomUUID())).queueUrl();
  private final SqsWorkQueue queue = new SqsWorkQueue(sqs, fifo, delay);

  private List<Message> receive(String url) {
    return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
  }

  @Test
  void aTargetedScanGoesToTheClustersGroupOnceWhateverHowOftenItIsSentWithinItsBucket() {
    Instant t = Instant.parse("2026-12-06T10:00:00Z");
    ClusterScanMessage m = new ClusterScanMessage("prod-eu", List.of(),
        new ClusterScan.Tracking("apps", "Deployment", "shop"), t);
    queue.enqueue(m, m.deduplicationId(t), Duration.ZERO);
    queue.enqueue(m, m.deduplicationId(t.plusMillis(900)), Duration.ZERO);

    List<Message> got = receive(fifo);
    assertThat(got).singleElement().satisfies(msg -> {
      assertThat(msg.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "prod-eu");
      assertThat(ClusterScanMessage.parse(msg.body(), msg.messageId())).isEqualTo(m);
    });
    assertThat(receive(delay)).isEmpty();
  }

  @Test
  void aScanSpreadOverTheIntervalGoesToTheDelayedQueue() {
    ClusterScanMessage m = new ClusterScanMessage("prod-us", List.of("web"), null, Instant.now());
    queue.enqueue(m, "scan-prod-us-0", Duration.ofSeconds(1));
    assertThat(receive(fifo)).isEmpty();
    // Delivered once its one-second delay has passed: received within a bound.
    List<Message> got = List.of();
    Instant bound = Instant.now().plusSeconds(10);
    while (got.isEmpty() && Instant.now().isBefore(bound)) got = receive(delay);
    assertThat(got).singleElement()
        .satisfies(msg -> assertThat(ClusterScanMessage.parse(msg.body(), msg.messageId())).isEqualTo(m));
  }

  @Test
  void twoLongDottedApplicationNamesSharingTheirFirst128CharactersAreQueuedApartInGroupsOfTheirOwn() {
    String prefix = ("a".repeat(63) + ".").repeat(2) + "b".repeat(63) + ".";
    String east = prefix + "east";
    String west = prefix + "west";
    String sha = "0123456789abcdef0123456789abcdef01234567";
    Instant t = Instant.parse("2026-12-06T10:00:00Z");
    queue.enqueue(new SyncMessage(east, Trigger.PUSH, sha, t), east + "-" + sha);
    queue.enqueue(new SyncMessage(west, Trigger.PUSH, sha, t), west + "-" + sha);

    List<Message> got = receive(fifo);
    assertThat(got).extracting(msg -> SyncMessage.parse(msg.body(), msg.messageId()).application())
        .containsExactlyInAnyOrder(east, west);
    assertThat(got).extracting(msg -> msg.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .doesNotHaveDuplicates().allSatisfy(g -> assertThat(g).hasSizeLessThanOrEqualTo(128));
  }
}
