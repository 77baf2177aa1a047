package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.model.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

  private static final ObjectRef WEB = new ObjectRef("apps/v1", new ObjectKey("apps", "Deployment", "shop", "web"));
  private static final ObjectRef DB = new ObjectRef("apps/v1", new ObjectKey("apps", "StatefulSet", "shop", "db"));
  private static final ObjectRef CM = new ObjectRef("v1", new ObjectKey("", "ConfigMap", "shop", "settings"));

  @Test
  void aggregateIsTheWorstAndProgressingListsWhatIsLeftToWaitFor() {
    HealthReport report = new HealthReport(List.of(
        new ObjectHealth(WEB, Health.progressing("Waiting for rollout to finish")),
        new ObjectHealth(DB, Health.suspended("paused")),
        new ObjectHealth(CM, Health.healthy(""))), true, Instant.EPOCH);

    assertThat(report.aggregate()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(report.progressing()).containsExactly(WEB);
    assertThat(report.isSettled()).isFalse();
    assertThat(report.withStatus(HealthStatus.SUSPENDED)).extracting(ObjectHealth::ref).containsExactly(DB);
    assertThat(report.healthOf(CM)).contains(Health.healthy(""));
    assertThat(report.toString()).isEqualTo("Progressing (3 objects, 1 progressing, deadline passed)");
  }

  @Test
  void degradedObjectIsSettledAndOutranksProgressing() {
    HealthReport report = new HealthReport(List.of(
        new ObjectHealth(WEB, Health.degraded("exceeded its progress deadline")),
        new ObjectHealth(CM, Health.healthy(""))), false, Instant.EPOCH);

    assertThat(report.isSettled()).isTrue();
    assertThat(report.progressing()).isEmpty();
    assertThat(report.aggregate()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void emptyReportIsHealthy() {
    assertThat(new HealthReport(List.of(), false, Instant.EPOCH).aggregate()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void objectRefRejectsAnApiVersionOutsideTheKeysGroup() {
    assertThatThrownBy(() -> new ObjectRef("v1", new ObjectKey("apps", "Deployment", "shop", "web")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Deployment.apps shop/web: apiVersion v1");
  }

  @Test
  void waiterOptionsDefaultAndRejectANonPositiveInterval() {
    assertThat(HealthWaiter.Options.defaults().pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(new HealthWaiter.Options(null, null).observer()).isNotNull();
    assertThatThrownBy(() -> new HealthWaiter.Options(Duration.ZERO, null))
        .hasMessageContaining("poll interval must be positive");
  }
}
