package dev.driftless.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.apply.Outcome;
import dev.driftless.health.HealthStatus;
import dev.driftless.model.ObjectKey;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import dev.driftless.state.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded-metric-format lines, parsed as CloudWatch would: names, units, dimensions and values. */
class MetricsTest {

  private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();
  private final Metrics metrics = new Metrics(lines::add, Clock.fixed(AT, ZoneOffset.UTC));

  @Test
  void anOperationCountsOneSyncAndItsDurationByResultWithTheApplicationAsAProperty() throws Exception {
    metrics.operation(result(OperationResult.FAILED, new ChangeSet(List.of())), Trigger.PUSH, Duration.ofMillis(1500));

    assertThat(lines).hasSize(1);
    JsonNode line = json.readTree(lines.get(0));
    JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo("Driftless");
    assertThat(json.convertValue(directive.get("Dimensions"), List.class)).isEqualTo(List.of(List.of("Result")));
    assertThat(json.convertValue(directive.get("Metrics"), List.class)).isEqualTo(List.of(
        Map.of("Name", "Syncs", "Unit", "Count"), Map.of("Name", "SyncDuration", "Unit", "Milliseconds")));
    assertThat(line.get("Result").asText()).isEqualTo("failed");
    assertThat(line.get("Syncs").asLong()).isEqualTo(1);
    assertThat(line.get("SyncDuration").asLong()).isEqualTo(1500);
    assertThat(line.get("Application").asText()).isEqualTo("web");
    assertThat(line.get("Trigger").asText()).isEqualTo("push");
  }

  @Test
  void aScanThatFindsChangesCountsDriftDetectedWithoutADimension() throws Exception {
    metrics.operation(result(OperationResult.SUCCEEDED, drifted()), Trigger.SCHEDULE, Duration.ZERO);

    assertThat(lines).hasSize(2);
    JsonNode drift = json.readTree(lines.get(1));
    JsonNode directive = drift.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(json.convertValue(directive.get("Dimensions"), List.class)).isEqualTo(List.of(List.of()));
    assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("DriftDetected");
    assertThat(drift.get("DriftDetected").asLong()).isEqualTo(1);
  }

  @Test
  void aPushThatChangesObjectsIsNotDrift() {
    metrics.operation(result(OperationResult.SUCCEEDED, drifted()), Trigger.PUSH, Duration.ZERO);

    assertThat(lines).hasSize(1).noneMatch(l -> l.contains("DriftDetected"));
  }

  @Test
  void aWebhookDeliveryIsCountedByProviderAndOutcome() throws Exception {
    metrics.webhookDelivery("gitea", "unverified");

    JsonNode line = json.readTree(lines.get(0));
    JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(json.convertValue(directive.get("Dimensions"), List.class))
        .isEqualTo(List.of(List.of("Provider", "Outcome")));
    assertThat(line.get("Provider").asText()).isEqualTo("gitea");
    assertThat(line.get("Outcome").asText()).isEqualTo("unverified");
    assertThat(line.get("WebhookDeliveries").asLong()).isEqualTo(1);
  }

  @Test
  void aClusterScanReportsAppsOutOfSyncAndDegradedWithTheClusterAsAProperty() throws Exception {
    metrics.clusterScan("prod-eu", 3, 1);

    JsonNode line = json.readTree(lines.get(0));
    assertThat(line.get("AppsOutOfSync").asLong()).isEqualTo(3);
    assertThat(line.get("AppsDegraded").asLong()).isEqualTo(1);
    assertThat(line.get("Cluster").asText()).isEqualTo("prod-eu");
    assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").findValuesAsText("Unit"))
        .containsExactly("Count", "Count");
  }

  @Test
  void queueAgeIsInMillisecondsAndNeverNegative() throws Exception {
    metrics.queueAge(Duration.ofSeconds(-2), "web");
    metrics.queueAge(Duration.ofSeconds(42), "web");

    assertThat(json.readTree(lines.get(0)).get("QueueAge").asLong()).isZero();
    JsonNode line = json.readTree(lines.get(1));
    assertThat(line.get("QueueAge").asLong()).isEqualTo(42_000);
    assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText())
        .isEqualTo("Milliseconds");
  }

  private static ReconcileResult result(OperationResult result, ChangeSet changes) {
    return new ReconcileResult("web", "op-1", result, SyncStatus.SYNCED, HealthStatus.HEALTHY, "abc", changes,
        "msg", null);
  }

  private static ChangeSet drifted() {
    return new ChangeSet(List.of(new Change(new ObjectKey("", "ConfigMap", "web", "config"), "v1", Action.PRUNE,
        Outcome.PLANNED, "", null, null, null, null, 0, false, null)));
  }
}
