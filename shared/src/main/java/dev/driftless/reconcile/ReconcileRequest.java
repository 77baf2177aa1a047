package dev.driftless.reconcile;

import dev.driftless.model.OperationOptions;
import dev.driftless.state.Trigger;
import java.util.Objects;

/**
 * One operation asked for one Application: why (push, schedule, manual, rollback, continue), the commit a
 * push or rollback names (optional), the history entry a rollback returns to, for a continuation the id of
 * the operation it continues, the webhook delivery that caused it (kept in history), and the options a manual sync
 * is asked with (none for any other trigger: a continuation or retry keeps those of its operation).
 */
public record ReconcileRequest(String application, Trigger trigger, String revision, String operationId,
    String deliveryId, OperationOptions options) {

  public ReconcileRequest {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(trigger, "trigger");
    options = options == null ? OperationOptions.NONE : options;
  }

  public ReconcileRequest(String application, Trigger trigger, String revision, String operationId,
      String deliveryId) {
    this(application, trigger, revision, operationId, deliveryId, OperationOptions.NONE);
  }

  public ReconcileRequest(String application, Trigger trigger, String revision, String operationId) {
    this(application, trigger, revision, operationId, null);
  }

  public static ReconcileRequest push(String app, String sha) {
    return new ReconcileRequest(app, Trigger.PUSH, sha, null);
  }

  public static ReconcileRequest scan(String app) {
    return new ReconcileRequest(app, Trigger.SCHEDULE, null, null);
  }

  /** A comparison now that records drift and health as a scan does and never applies. */
  public static ReconcileRequest refresh(String app) {
    return new ReconcileRequest(app, Trigger.REFRESH, null, null);
  }

  public static ReconcileRequest manual(String app) {
    return new ReconcileRequest(app, Trigger.MANUAL, null, null);
  }

  /** Sync to the revision of a recorded history entry. */
  public static ReconcileRequest rollback(String app, String historyId) {
    return new ReconcileRequest(app, Trigger.ROLLBACK, null, historyId);
  }

  public static ReconcileRequest continuation(String app, String operationId) {
    return new ReconcileRequest(app, Trigger.CONTINUE, null, operationId);
  }
}
