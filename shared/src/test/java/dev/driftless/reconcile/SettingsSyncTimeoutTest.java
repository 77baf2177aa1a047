package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSyncTimeoutTest {

  @Test
  void theSyncTimeoutIsReadFromTheEnvironmentAndReachesTheReconcilersOptions() {
    Settings s = Settings.fromEnvironment(Map.of(Settings.SYNC_TIMEOUT, "90"));

    assertThat(s.syncTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Wiring.options(s).syncTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Settings.fromEnvironment(Map.of()).syncTimeout()).isEqualTo(ReconcilerOptions.SYNC_TIMEOUT);
  }

  @Test
  void aSyncTimeoutThatIsNotAPositiveNumberOfSecondsStopsTheFunctionAsItStarts() {
    for (String bad : new String[] {"0", "-5", "10m"}) {
      assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(Settings.SYNC_TIMEOUT, bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("DRIFTLESS_SYNC_TIMEOUT_SECONDS: expected a positive number of seconds, found '" + bad + "'");
    }
  }
}
