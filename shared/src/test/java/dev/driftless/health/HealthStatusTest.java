package dev.driftless.health;

import static dev.driftless.health.HealthStatus.DEGRADED;
import static dev.driftless.health.HealthStatus.HEALTHY;
import static dev.driftless.health.HealthStatus.MISSING;
import static dev.driftless.health.HealthStatus.PROGRESSING;
import static dev.driftless.health.HealthStatus.SUSPENDED;
import static dev.driftless.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthStatusTest {

  @Test
  void orderFollowsArgoCdFromHealthyToUnknown() {
    List<HealthStatus> order = List.of(HEALTHY, SUSPENDED, PROGRESSING, MISSING, DEGRADED, UNKNOWN);
    for (int i = 0; i < order.size(); i++) {
      for (int j = 0; j < order.size(); j++) {
        assertThat(order.get(i).isWorseThan(order.get(j))).as("%s worse than %s", order.get(i), order.get(j))
            .isEqualTo(i > j);
      }
    }
  }

  @Test
  void worstOfSeveralIsTheLeastHealthyAndOfNoneIsHealthy() {
    assertThat(HealthStatus.worst(List.of(HEALTHY, PROGRESSING, SUSPENDED))).isEqualTo(PROGRESSING);
    assertThat(HealthStatus.worst(List.of(MISSING, DEGRADED, HEALTHY))).isEqualTo(DEGRADED);
    assertThat(HealthStatus.worst(Set.of(UNKNOWN, DEGRADED))).isEqualTo(UNKNOWN);
    assertThat(HealthStatus.worst(List.of())).isEqualTo(HEALTHY);
  }

  @Test
  void onlyProgressingIsWorthWaitingFor() {
    assertThat(PROGRESSING.isTerminal()).isFalse();
    for (HealthStatus s : List.of(HEALTHY, SUSPENDED, MISSING, DEGRADED, UNKNOWN)) {
      assertThat(s.isTerminal()).as(s.name()).isTrue();
    }
  }

  @Test
  void readsArgoCdWords() {
    assertThat(HealthStatus.fromDisplayName("Progressing")).isEqualTo(PROGRESSING);
    assertThat(HealthStatus.fromDisplayName("DEGRADED")).isEqualTo(DEGRADED);
    assertThat(HealthStatus.fromDisplayName("Sideways")).isEqualTo(UNKNOWN);
    assertThat(HEALTHY.toString()).isEqualTo("Healthy");
  }
}
