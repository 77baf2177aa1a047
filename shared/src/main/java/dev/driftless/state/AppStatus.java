package dev.driftless.state;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import java.time.Instant;

/**
 * An Application's current state: sync status, health, the revision last synced (commit and when), the
 * inventory of objects it put in its cluster, the operation in flight (null when none), the last one's
 * message, and the commit the last apply attempt that failed deployed (null when the last attempt succeeded or
 * none failed): an automated Application does not try that commit again on its own, as in Argo CD; and what its
 * last plan was computed from ({@link ScanBasis}; null when not known), for the cluster scan. The status is one
 * small item; the inventory has items of its own ({@link InventoryStore}), written by the apply, so writing a
 * status never writes the inventory.
 */
public record AppStatus(
    String application,
    SyncStatus sync,
    HealthStatus health,
    String revision,
    Instant revisionTime,
    Inventory inventory,
    Operation operation,
    OperationResult lastResult,
    String lastMessage,
    Instant updatedAt,
    String failedRevision,
    ScanBasis basis) {

  /** A status with no failed attempt recorded. */
  public AppStatus(String application, SyncStatus sync, HealthStatus health, String revision, Instant revisionTime,
      Inventory inventory, Operation operation, OperationResult lastResult, String lastMessage, Instant updatedAt) {
    this(application, sync, health, revision, revisionTime, inventory, operation, lastResult, lastMessage, updatedAt,
        null, null);
  }

  public static AppStatus initial(String application) {
    return new AppStatus(application, SyncStatus.UNKNOWN, HealthStatus.UNKNOWN, null, null, Inventory.EMPTY, null,
        null, null, null);
  }

  public AppStatus withInventory(Inventory stored) {
    return new AppStatus(application, sync, health, revision, revisionTime, stored, operation, lastResult, lastMessage,
        updatedAt, failedRevision, basis);
  }

  /** As planned: sync status and health as found, the revision, the operation and the last result unchanged. */
  public AppStatus assessed(SyncStatus found, HealthStatus assessed, Instant now) {
    return new AppStatus(application, found, assessed, revision, revisionTime, inventory, operation, lastResult,
        lastMessage, now, failedRevision, basis);
  }

  /** An operation that ended (or stopped) before syncing a revision: the revision last synced stays. */
  public AppStatus ended(SyncStatus found, HealthStatus assessed, Operation next, OperationResult result,
      String message, Instant now) {
    return new AppStatus(application, found, assessed, revision, revisionTime, inventory, next, result, message, now,
        failedRevision, basis);
  }

  /** The same status, with {@code sha} as the commit whose apply attempt failed (null: none). */
  public AppStatus failedAt(String sha) {
    return new AppStatus(application, sync, health, revision, revisionTime, inventory, operation, lastResult,
        lastMessage, updatedAt, sha, basis);
  }

  /** The revision is now {@code sha}, committed at {@code time}; no operation is in flight. */
  public AppStatus at(String sha, Instant time, SyncStatus found, HealthStatus assessed, OperationResult result,
      String message, Instant now) {
    return new AppStatus(application, found, assessed, sha, time, inventory, null, result, message, now, null, basis);
  }

  /** The same status, its last plan computed from {@code planned} (null: not known). */
  public AppStatus basedOn(ScanBasis planned) {
    return new AppStatus(application, sync, health, revision, revisionTime, inventory, operation, lastResult,
        lastMessage, updatedAt, failedRevision, planned);
  }

  /** True when {@code other} says the same as this status, whenever each was written. */
  public boolean sameAs(AppStatus other) {
    return other != null && equals(new AppStatus(other.application, other.sync, other.health, other.revision,
        other.revisionTime, other.inventory, other.operation, other.lastResult, other.lastMessage, updatedAt,
        other.failedRevision, other.basis));
  }
}
