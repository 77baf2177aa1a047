package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.Application;
import dev.driftless.model.SyncOptions;
import dev.driftless.model.SyncStep;
import dev.driftless.state.Trigger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionTest {

  private static final Application.SyncPolicy MANUAL = Application.SyncPolicy.MANUAL;
  private static final Application.SyncPolicy AUTOMATED = policy(true, false);
  private static final Application.SyncPolicy SELF_HEAL = policy(true, true);
  private static final Decision PLAN_ONLY = Decision.PLAN_ONLY;
  private static final Decision APPLY = Decision.APPLY;

  private static Application.SyncPolicy policy(boolean automated, boolean selfHeal) {
    return new Application.SyncPolicy(automated, false, selfHeal, false, SyncOptions.NONE, null);
  }

  private static Decision continueFrom(SyncStep step) {
    return new Decision(Decision.Verb.CONTINUE, step);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a scan of a manual Application only plans", Trigger.SCHEDULE, MANUAL, false, null, false,
            PLAN_ONLY),
        Arguments.of("a scan of a manual Application only plans, even at a new revision", Trigger.SCHEDULE, MANUAL,
            false, null, true, PLAN_ONLY),
        Arguments.of("a scan without selfHeal only plans drift at the synced revision", Trigger.SCHEDULE, AUTOMATED,
            false, null, false, PLAN_ONLY),
        Arguments.of("a scan of an automated Application syncs a new revision (Argo CD's automated sync)",
            Trigger.SCHEDULE, AUTOMATED, false, null, true, APPLY),
        Arguments.of("a scan syncs a new revision even when the plan finds nothing (it records the revision)",
            Trigger.SCHEDULE, AUTOMATED, true, null, true, APPLY),
        Arguments.of("a scan with selfHeal applies the drift it found", Trigger.SCHEDULE, SELF_HEAL, false, null,
            false, APPLY),
        Arguments.of("a scan with selfHeal that finds nothing only plans", Trigger.SCHEDULE, SELF_HEAL, true, null,
            false, PLAN_ONLY),
        Arguments.of("an audited write to an Application with selfHeal applies (reverts) it", Trigger.AUDIT,
            SELF_HEAL, false, null, false, APPLY),
        Arguments.of("an audited write to an Application without selfHeal only plans (records the drift)",
            Trigger.AUDIT, AUTOMATED, false, null, false, PLAN_ONLY),
        Arguments.of("an audited write that left the Application in sync only plans", Trigger.AUDIT, SELF_HEAL, true,
            null, false, PLAN_ONLY),
        Arguments.of("a refresh of an Application with selfHeal only plans the drift it found", Trigger.REFRESH,
            SELF_HEAL, false, null, false, PLAN_ONLY),
        Arguments.of("a refresh of an automated Application only plans, even at a new revision", Trigger.REFRESH,
            AUTOMATED, false, null, true, PLAN_ONLY),
        Arguments.of("a push to a manual Application only plans", Trigger.PUSH, MANUAL, false, null, true, PLAN_ONLY),
        Arguments.of("a push to an automated Application applies", Trigger.PUSH, AUTOMATED, false, null, true, APPLY),
        Arguments.of("a push applies even in sync (it records the new revision)", Trigger.PUSH, AUTOMATED, true,
            null, false, APPLY),
        Arguments.of("a manual sync applies whatever the policy", Trigger.MANUAL, MANUAL, true, null, false, APPLY),
        Arguments.of("a rollback applies whatever the policy", Trigger.ROLLBACK, MANUAL, false, null, false, APPLY),
        Arguments.of("a retry starts again from the first step", Trigger.CONTINUE, MANUAL, false, null, false, APPLY),
        Arguments.of("a continuation resumes at the step it was saved at", Trigger.CONTINUE, MANUAL, true,
            SyncStep.HEALTH, false, continueFrom(SyncStep.HEALTH)),
        Arguments.of("a continuation saved during the apply resumes the apply", Trigger.CONTINUE, AUTOMATED, false,
            SyncStep.APPLY, false, continueFrom(SyncStep.APPLY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesWhatAnOperationDoesOnceItsPlanIsKnown(String behaviour, Trigger trigger, Application.SyncPolicy policy,
      boolean inSync, SyncStep saved, boolean newRevision, Decision expected) {
    assertThat(Decision.of(trigger, policy, inSync, saved, newRevision)).isEqualTo(expected);
  }
}
