package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.SyncStep;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperationTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aRetryIsTheNextAttemptOfTheSameOperationFromTheFirstStepAtThePinnedCommit() {
    Operation saved = Operation.start("op-1", Trigger.PUSH, null, T0).pinnedTo("abc123").at(SyncStep.HEALTH);
    assertThat(saved.retry()).isEqualTo(new Operation("op-1", Trigger.PUSH, "abc123", null, T0, 2));
  }

  @Test
  void anOperationSavedAtAStepKeepsItsAttemptAndCommit() {
    Operation op = Operation.start("op-1", Trigger.MANUAL, "abc123", T0);
    assertThat(op.at(SyncStep.POST_SYNC)).isEqualTo(new Operation("op-1", Trigger.MANUAL, "abc123",
        SyncStep.POST_SYNC, T0, 1));
  }
}
