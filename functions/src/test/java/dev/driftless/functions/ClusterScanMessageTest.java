package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.reconcile.ClusterScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterScanMessageTest {

  @Test
  void theSampleEventCarriesAScheduledPageAndATargetedScanInTheClustersGroup() throws Exception {
    JsonNode event = new ObjectMapper().readTree(Files.readString(Path.of("../events/sqs-cluster-scan.json")));
    List<ClusterScanMessage> messages = new ArrayList<>();
    for (JsonNode r : event.get("Records")) {
      assertThat(ClusterScanMessage.isOne(r.get("body").asText())).isTrue();
      messages.add(ClusterScanMessage.parse(r.get("body").asText(), r.get("messageId").asText()));
      assertThat(r.at("/attributes/MessageGroupId").asText()).isEqualTo("prod-eu");
    }
    assertThat(messages).containsExactly(
        new ClusterScanMessage("prod-eu", List.of("guestbook", "shop"), null, Instant.parse("2026-11-24T06:40:00Z")),
        new ClusterScanMessage("prod-eu", List.of(), new ClusterScan.Tracking("apps", "Deployment", "shop"),
            Instant.parse("2026-11-24T06:41:07Z")));
  }

  @Test
  void aMessageRoundTripsThroughJsonAndIsNotTakenForAnApplicationsMessage() {
    ClusterScanMessage m = new ClusterScanMessage("c1", List.of("a", "b"), new ClusterScan.Tracking("", "ConfigMap",
        null), Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(ClusterScanMessage.parse(m.toJson(), "m1")).isEqualTo(m);
    assertThat(ClusterScanMessage.isOne("{\"application\":\"a\",\"trigger\":\"schedule\"}")).isFalse();
    assertThat(ClusterScanMessage.isOne("{not json")).isFalse();
  }

  @Test
  void targetedScansOfOneClusterAndScopeWithinTwoSecondsShareADeduplicationId() {
    ClusterScan.Tracking deployments = new ClusterScan.Tracking("apps", "Deployment", "shop");
    ClusterScanMessage a = new ClusterScanMessage("c1", List.of(), deployments, null);
    Instant t = Instant.parse("2026-01-01T00:00:10Z");
    assertThat(a.deduplicationId(t)).isEqualTo(a.deduplicationId(t.plusMillis(1999)))
        .isNotEqualTo(a.deduplicationId(t.plusSeconds(2)))
        .hasSizeLessThanOrEqualTo(128);
    assertThat(a.deduplicationId(t)).as("another namespace")
        .isNotEqualTo(new ClusterScanMessage("c1", List.of(), new ClusterScan.Tracking("apps", "Deployment", "web"),
            null).deduplicationId(t));
    assertThat(a.deduplicationId(t)).as("another cluster")
        .isNotEqualTo(new ClusterScanMessage("c2", List.of(), deployments, null).deduplicationId(t));
    assertThat(new ClusterScanMessage("c1", List.of("x", "y"), null, null).deduplicationId(t)).as("names in any order")
        .isEqualTo(new ClusterScanMessage("c1", List.of("y", "x"), null, null).deduplicationId(t));
  }

  @Test
  void malformedBodiesAreRefusedNamingTheMessageAndFieldNeverEchoingTheBody() {
    assertThatThrownBy(() -> ClusterScanMessage.parse("{not json", "m1")).hasMessage("message m1: body is not JSON");
    assertThatThrownBy(() -> ClusterScanMessage.parse("{\"type\":\"cluster-scan\"}", "m2"))
        .hasMessage("message m2: cluster is required");
    assertThatThrownBy(() -> ClusterScanMessage.parse(
        "{\"type\":\"cluster-scan\",\"cluster\":\"c1\",\"applications\":\"secret-looking-text\"}", "m3"))
        .hasMessage("message m3: applications must be a list of at most 1000 names");
    assertThatThrownBy(() -> ClusterScanMessage.parse(
        "{\"type\":\"cluster-scan\",\"cluster\":\"c1\",\"applications\":[{\"x\":1}]}", "m4"))
        .hasMessage("message m4: applications must hold names only");
    assertThatThrownBy(() -> ClusterScanMessage.parse(
        "{\"type\":\"cluster-scan\",\"cluster\":\"c1\",\"tracking\":{\"namespace\":\"n\"}}", "m5"))
        .hasMessage("message m5: tracking needs a kind");
    assertThatThrownBy(() -> ClusterScanMessage.parse(
        "{\"type\":\"cluster-scan\",\"cluster\":\"c1\",\"requestedAt\":\"yesterday\"}", "m6"))
        .hasMessage("message m6: requestedAt is not an ISO-8601 instant");
  }

  @Test
  void aMessageNamingMoreApplicationsThanOnePageMayHoldIsRefused() {
    String names = String.join(",", Collections.nCopies(ClusterScanMessage.MAX_APPLICATIONS + 1, "\"a\""));
    assertThatThrownBy(() -> ClusterScanMessage.parse(
        "{\"type\":\"cluster-scan\",\"cluster\":\"c1\",\"applications\":[" + names + "]}", "m7"))
        .hasMessageContaining("at most 1000 names");
  }
}
