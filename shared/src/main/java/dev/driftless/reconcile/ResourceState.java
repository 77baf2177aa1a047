package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import dev.driftless.health.Health;
import dev.driftless.health.HealthReport;
import dev.driftless.health.ObjectRef;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.Redaction;
import java.util.List;

/**
 * One object of an Application as {@code app resources} shows it: what a sync would do to it now (its planned action
 * and why, when the plan says), and its health read now, with the message that says what holds it back.
 */
public record ResourceState(ObjectKey key, String apiVersion, Action action, String reason, Health health) {

  /** Whether the object is as Git wants it: nothing to create, configure or prune. */
  public boolean inSync() {
    return !action.isDrift();
  }

  /** One state per planned object, in the plan's order, with every message passed through {@code redaction}. */
  static List<ResourceState> of(ChangeSet plan, HealthReport health, Redaction redaction) {
    return plan.changes().stream().map(c -> of(c, health, redaction)).toList();
  }

  private static ResourceState of(Change c, HealthReport report, Redaction redaction) {
    Health h = report.healthOf(new ObjectRef(c.apiVersion(), c.key())).orElse(Health.unknown("Not read"));
    return new ResourceState(c.key(), c.apiVersion(), c.action(), redaction.redact(c.message()),
        new Health(h.status(), redaction.redact(h.message())));
  }
}
