package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanOptionsTest {

  @Test
  void eachClustersOffsetIsStableAndWithinTheFirstThirdOfTheInterval() {
    ScanOptions o = new ScanOptions(200, Duration.ofMinutes(3));
    for (int i = 0; i < 200; i++) {
      Duration d = o.offset("cluster-" + i);
      assertThat(d).isEqualTo(o.offset("cluster-" + i)).isBetween(Duration.ZERO, Duration.ofSeconds(59));
    }
  }

  @Test
  void manyClustersSpreadOverTheFirstThirdRatherThanMeetingInOneMoment() {
    ScanOptions o = new ScanOptions(200, Duration.ofMinutes(3));
    Set<Long> slices = new HashSet<>();
    int inFirstSlice = 0;
    for (int i = 0; i < 100; i++) {
      long slice = o.offset("prod-" + i).toSeconds() / 20;
      slices.add(slice);
      if (slice == 0) inFirstSlice++;
    }
    assertThat(slices).containsExactlyInAnyOrder(0L, 1L, 2L);
    assertThat(inFirstSlice).as("clusters in the first 20 s of the 60 s window").isBetween(15, 55);
  }

  @Test
  void intervalsWhoseThirdIsLongerThanTheQueuesFifteenMinuteDelaySpreadOverItsFirstFifteenMinutes() {
    ScanOptions o = new ScanOptions(200, Duration.ofHours(1));
    for (int i = 0; i < 100; i++) {
      assertThat(o.offset("c" + i)).isLessThan(Duration.ofMinutes(15));
    }
    assertThat(new ScanOptions(200, Duration.ZERO).offset("c1")).isZero();
  }

  @Test
  void settingsComeFromTheEnvironmentAndBadOnesAreRefusedByName() {
    assertThat(ScanOptions.fromEnvironment(Map.of())).isEqualTo(ScanOptions.defaults());
    assertThat(ScanOptions.fromEnvironment(Map.of(ScanOptions.PAGE, "50", ScanOptions.INTERVAL, "600")))
        .isEqualTo(new ScanOptions(50, Duration.ofMinutes(10)));
    // A deployment's schedule rate, in minutes (the CDK app and the SAM template), wins over seconds.
    assertThat(ScanOptions.fromEnvironment(Map.of(ScanOptions.INTERVAL_MINUTES, "5", ScanOptions.INTERVAL, "600")))
        .isEqualTo(new ScanOptions(200, Duration.ofMinutes(5)));
    assertThatThrownBy(() -> ScanOptions.fromEnvironment(Map.of(ScanOptions.PAGE, "0")))
        .hasMessageStartingWith("DRIFTLESS_SCAN_PAGE 0:");
    assertThatThrownBy(() -> ScanOptions.fromEnvironment(Map.of(ScanOptions.PAGE, "2000")))
        .hasMessageStartingWith("DRIFTLESS_SCAN_PAGE 2000:");
    assertThatThrownBy(() -> ScanOptions.fromEnvironment(Map.of(ScanOptions.INTERVAL, "soon")))
        .hasMessage("DRIFTLESS_SCAN_SECONDS soon: not a whole number");
  }
}
