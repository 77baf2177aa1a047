package dev.driftless.reconcile;

import dev.driftless.model.Application;
import dev.driftless.model.SyncStep;
import dev.driftless.state.Trigger;

/**
 * What an operation does once its plan is known: plan only, apply from the first step, or continue from the
 * step a saved operation reached. As in Argo CD, an automated Application syncs a new revision of its tracked
 * ref whichever way it learns of it: a push, or a scan that finds the head differs from the revision last synced
 * (so a push held by a sync window, or lost, is synced by the next scan); a scan also applies drift at the same
 * revision when the Application heals itself. A push to an Application that does not sync automatically only
 * plans; a manual sync, a rollback, a retry or a continuation always applies. A write reported by the cluster's
 * audit log ({@link Trigger#AUDIT}) is decided as a scan is. A refresh ({@link Trigger#REFRESH}) only plans, even
 * for an automated Application: the next scan does what its policy asks.
 */
record Decision(Verb verb, SyncStep from) {

  enum Verb { PLAN_ONLY, APPLY, CONTINUE }

  static final Decision PLAN_ONLY = new Decision(Verb.PLAN_ONLY, null);
  static final Decision APPLY = new Decision(Verb.APPLY, SyncStep.PRE_SYNC);

  /**
   * @param trigger why this invocation runs (a retry or a continuation is {@link Trigger#CONTINUE})
   * @param inSync whether the plan found nothing to create, configure or prune
   * @param saved the step a saved operation reached; null for a new operation or a retry
   * @param newRevision whether the fetched head is a commit not synced yet and not one whose last attempt failed
   */
  static Decision of(Trigger trigger, Application.SyncPolicy policy, boolean inSync, SyncStep saved,
      boolean newRevision) {
    boolean planOnly = switch (trigger) {
      case SCHEDULE, AUDIT -> !policy.automated() || !newRevision && (!policy.selfHeal() || inSync);
      case PUSH -> !policy.automated();
      case REFRESH -> true;
      case MANUAL, ROLLBACK, CONTINUE -> false;
    };
    if (planOnly) return PLAN_ONLY;
    return saved == null ? APPLY : new Decision(Verb.CONTINUE, saved);
  }

  boolean planOnly() {
    return verb == Verb.PLAN_ONLY;
  }
}
