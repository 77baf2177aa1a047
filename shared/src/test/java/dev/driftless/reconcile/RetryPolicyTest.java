package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.state.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

  /** Three retries after 5 s, 10 s, 20 s, never longer than 15 s. */
  private static final Application.Retry THREE = new Application.Retry(3, Duration.ofSeconds(5), 2,
      Duration.ofSeconds(15));
  /** Argo CD's "retry forever", with its default backoff. */
  private static final Application.Retry FOREVER = new Application.Retry(Application.Retry.FOREVER,
      Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
  private static final Application.Retry UNCAPPED = new Application.Retry(Application.Retry.FOREVER,
      Duration.ofSeconds(5), 2, Duration.ZERO);
  private static final RuntimeException PLAN_FAILED = new DriftlessException("ConfigMap Not_Valid: invalid name");
  private static final RuntimeException NOT_TRACKED = new RevisionNotTrackedException(
      new Application("web", null, new Application.Source("file:///repo", "main", null, null, null, null, null),
          new Application.Destination("c1", "web"), null, List.of()), "0123abc");

  static Stream<Arguments> failedSyncs() {
    return Stream.of(
        Arguments.of("the first attempt is retried after the base duration", THREE, 1, Duration.ofSeconds(5)),
        Arguments.of("each further attempt waits factor times longer", THREE, 2, Duration.ofSeconds(10)),
        Arguments.of("the wait is capped at the maximum duration", THREE, 3, Duration.ofSeconds(15)),
        Arguments.of("no retry is left once the limit is used", THREE, 4, null),
        Arguments.of("an Application without a retry policy is not retried", Application.Retry.NONE, 1, null),
        Arguments.of("a limit of 0 retries nothing", new Application.Retry(0, Duration.ofSeconds(5), 2,
            Duration.ofMinutes(3)), 1, null),
        Arguments.of("a limit of -1 retries after the base duration", FOREVER, 1, Duration.ofSeconds(5)),
        Arguments.of("a limit of -1 retries past any count, at the maximum duration", FOREVER, 1_000_000,
            Duration.ofMinutes(3)),
        Arguments.of("any negative limit retries forever, as in Argo CD", new Application.Retry(-5,
            Duration.ofSeconds(5), 2, Duration.ofMinutes(3)), 50, Duration.ofMinutes(3)),
        Arguments.of("a zero maximum duration sets no cap of its own", UNCAPPED, 4, Duration.ofSeconds(40)),
        Arguments.of("an uncapped wait too long to count stays at the longest", UNCAPPED, 1_000_000,
            Duration.ofMillis(Long.MAX_VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failedSyncs")
  void aFailedSyncIsRetriedPerThePolicy(String behaviour, Application.Retry retry, int attempt, Duration expected) {
    assertThat(RetryPolicy.afterFailedSync(retry, attempt)).isEqualTo(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("a push that could not go on is retried", Trigger.PUSH, PLAN_FAILED, Duration.ofSeconds(5)),
        Arguments.of("a manual sync that could not go on is retried", Trigger.MANUAL, PLAN_FAILED,
            Duration.ofSeconds(5)),
        Arguments.of("a retry that could not go on is retried again", Trigger.CONTINUE, PLAN_FAILED,
            Duration.ofSeconds(5)),
        Arguments.of("a scan is not retried: the next scan is its retry", Trigger.SCHEDULE, PLAN_FAILED, null),
        Arguments.of("a commit the tracked ref does not reach is not retried", Trigger.PUSH, NOT_TRACKED, null),
        Arguments.of("nor is its continuation", Trigger.CONTINUE, NOT_TRACKED, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void anAttemptThatCouldNotGoOnIsRetriedForeverUnlessRetryingCannotHelp(String behaviour, Trigger trigger,
      RuntimeException e, Duration expected) {
    assertThat(RetryPolicy.afterError(trigger, e, FOREVER, 1_000)).isEqualTo(
        expected == null ? null : Duration.ofMinutes(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void anAttemptThatCouldNotGoOnIsRetriedUnlessRetryingCannotHelp(String behaviour, Trigger trigger,
      RuntimeException e, Duration expected) {
    assertThat(RetryPolicy.afterError(trigger, e, THREE, 1)).isEqualTo(expected);
  }
}
