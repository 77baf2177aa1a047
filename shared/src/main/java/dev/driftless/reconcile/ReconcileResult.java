package dev.driftless.reconcile;

import dev.driftless.apply.ChangeSet;
import dev.driftless.health.HealthStatus;
import dev.driftless.state.OperationResult;
import dev.driftless.state.SyncStatus;
import java.time.Duration;
import java.util.List;

/**
 * How one operation ended: its result, the sync status and health it left, the change set (planned for a
 * scan, applied for a sync), a message, and when it must be continued (null when it needs no continuation).
 */
public record ReconcileResult(
    String application,
    String operationId,
    OperationResult result,
    SyncStatus sync,
    HealthStatus health,
    String revision,
    ChangeSet changes,
    String message,
    Duration continueAfter) {

  public boolean needsContinuation() {
    return continueAfter != null;
  }

  /**
   * The child Applications this operation registered or updated (an app of apps): each is then synced as a scan
   * would (an automated one deploys, another plans and shows what it would change), as Argo CD's controller picks
   * up a new Application.
   */
  public List<String> childApplicationsRegistered() {
    return changes == null ? List.of() : ChildDocuments.registered(changes);
  }
}
