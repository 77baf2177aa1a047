package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  @ParameterizedTest(name = "{0} after {1} fires at {2}")
  @CsvSource(delimiter = '|', value = {
      "0 22 * * *|2026-12-06T13:00:00Z|2026-12-06T22:00:00Z",
      "0 22 * * *|2026-12-06T22:00:00Z|2026-12-06T22:00:00Z",
      "0 22 * * *|2026-12-06T22:00:01Z|2026-12-07T22:00:00Z",
      "*/15 * * * *|2026-12-06T13:01:00Z|2026-12-06T13:15:00Z",
      "10-50/20 * * * *|2026-12-06T13:11:00Z|2026-12-06T13:30:00Z",
      "5/20 * * * *|2026-12-06T13:46:00Z|2026-12-06T14:05:00Z",
      "0 9 * * MON-FRI|2026-12-05T10:00:00Z|2026-12-07T09:00:00Z",
      "0 9 * * sun|2026-12-01T00:00:00Z|2026-12-06T09:00:00Z",
      "0 0 1 JAN *|2026-12-06T00:00:00Z|2027-01-01T00:00:00Z",
      "0 0 1,15 * *|2026-12-02T00:00:00Z|2026-12-15T00:00:00Z",
      "0 0 13 * 5|2026-12-06T00:00:00Z|2026-12-11T00:00:00Z",
      "0 0 ? * 5|2026-12-06T00:00:00Z|2026-12-11T00:00:00Z",
      "@daily|2026-12-06T13:00:00Z|2026-12-07T00:00:00Z",
      "@hourly|2026-12-06T13:00:01Z|2026-12-06T14:00:00Z",
      "@weekly|2026-12-06T13:00:00Z|2026-12-13T00:00:00Z",
  })
  void firesWhereCronWould(String schedule, String after, String expected) {
    assertThat(CronSchedule.parse(schedule).nextAtOrAfter(Instant.parse(after), UTC)).contains(Instant.parse(expected));
  }

  @Test
  void aScheduleIsReadInItsTimeZone() {
    // 22:00 in Amsterdam is 21:00 UTC in winter.
    assertThat(CronSchedule.parse("0 22 * * *").nextAtOrAfter(Instant.parse("2026-12-06T13:00:00Z"),
        ZoneId.of("Europe/Amsterdam"))).contains(Instant.parse("2026-12-06T21:00:00Z"));
  }

  @Test
  void theLastFireBeforeAnInstantIsFoundWithinTheBound() {
    CronSchedule s = CronSchedule.parse("0 22 * * *");
    Instant at = Instant.parse("2026-12-06T22:30:00Z");

    assertThat(s.previousAtOrBefore(at, at.minusSeconds(3600), UTC)).contains(Instant.parse("2026-12-06T22:00:00Z"));
    assertThat(s.previousAtOrBefore(at, at.minusSeconds(1200), UTC)).isEmpty();
  }

  @Test
  void aScheduleThatNeverFiresHasNoNextTime() {
    assertThat(CronSchedule.parse("0 0 30 2 *").nextAtOrAfter(Instant.parse("2026-12-06T00:00:00Z"), UTC)).isEmpty();
  }

  @Test
  void aWrongFieldIsNamed() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * 13 *")).hasMessage("month '13' is outside 1-12");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * FUNDAY")).hasMessageStartingWith("day of week 'FUNDAY' is not");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("step");
    assertThatThrownBy(() -> CronSchedule.parse("30-10 * * * *")).hasMessageContaining("start is after its end");
    assertThatThrownBy(() -> CronSchedule.parse("@every 1h")).hasMessageStartingWith("descriptor @every 1h");
  }
}
