package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.SyncStep;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(300);

  @Test
  void aRetryIsTheNextAttemptOfTheSameOperationFromTheFirstStepAtThePinnedCommitStartingWhenItRuns() {
    Operation saved = Operation.start("op-1", Trigger.PUSH, null, T0).pinnedTo("abc123").at(SyncStep.HEALTH)
        .counted(Map.of("create", 2));
    assertThat(saved.retry()).isEqualTo(new Operation("op-1", Trigger.PUSH, "abc123", null, null, 2));
    assertThat(saved.retry().running(T1, T1.plusSeconds(60)).startedAt()).isEqualTo(T1);
  }

  @Test
  void aContinuedPassKeepsTheFirstStartAndSumsTheCountsOfEveryPass() {
    Operation first = Operation.start("op-1", Trigger.PUSH, null, T0).running(T0, T0.plusSeconds(60))
        .counted(Map.of("create", 2, "unchanged", 1));
    Operation saved = first.at(SyncStep.HEALTH);
    assertThat(saved.leaseUntil()).as("a saved operation runs no pass").isNull();
    Operation second = saved.running(T1, T1.plusSeconds(60)).counted(Map.of("create", 1, "prune", 1));
    assertThat(second.startedAt()).isEqualTo(T0);
    assertThat(second.counts()).isEqualTo(Map.of("create", 3, "unchanged", 1, "prune", 1));
  }

  @Test
  void aRunningPassThatMovesToAStepStaysRunningUnderItsLeaseSoACrashThereIsStillNoticed() {
    Operation running = Operation.start("op-1", Trigger.PUSH, null, T0).running(T0, T1);
    Operation moved = running.pinnedTo("abc123").movedTo(SyncStep.APPLY);
    assertThat(moved.step()).isEqualTo(SyncStep.APPLY);
    assertThat(moved.revision()).isEqualTo("abc123");
    assertThat(moved.leaseUntil()).isEqualTo(T1);
    assertThat(moved.abandonedAt(T1)).isTrue();
  }

  @Test
  void aPassIsAbandonedOnlyOnceItsLeaseHasExpired() {
    Operation running = Operation.start("op-1", Trigger.PUSH, null, T0).running(T0, T1);
    assertThat(running.abandonedAt(T1.minusMillis(1))).isFalse();
    assertThat(running.abandonedAt(T1)).isTrue();
    assertThat(running.at(SyncStep.HEALTH).abandonedAt(T1.plusSeconds(600))).isFalse();
  }

  @Test
  void anOperationSavedAtAStepKeepsItsAttemptAndCommit() {
    Operation op = Operation.start("op-1", Trigger.MANUAL, "abc123", T0);
    assertThat(op.at(SyncStep.POST_SYNC)).isEqualTo(new Operation("op-1", Trigger.MANUAL, "abc123",
        SyncStep.POST_SYNC, T0, 1));
  }
}
