package dev.driftless.state;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import java.time.Instant;

/**
 * An Application's current state: sync status, health, the revision last synced (commit and when), the
 * inventory of objects it put in its cluster, the operation in flight (null when none), the last one's
 * message, and the commit the last apply attempt that failed deployed (null when the last attempt succeeded or
 * none failed): an automated Application does not try that commit again on its own, as in Argo CD. The status is one small item; the inventory has items of its own ({@link InventoryStore}), written
 * by the apply, so writing a status never writes the inventory.
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
    String failedRevision) {

  /** A status with no failed attempt recorded. */
  public AppStatus(String application, SyncStatus sync, HealthStatus health, String revision, Instant revisionTime,
      Inventory inventory, Operation operation, OperationResult lastResult, String lastMessage, Instant updatedAt) {
    this(application, sync, health, revision, revisionTime, inventory, operation, lastResult, lastMessage, updatedAt,
        null);
  }

  public static AppStatus initial(String application) {
    return new AppStatus(application, SyncStatus.UNKNOWN, HealthStatus.UNKNOWN, null, null, Inventory.EMPTY, null,
        null, null, null);
  }

  public AppStatus withInventory(Inventory stored) {
    return new AppStatus(application, sync, health, revision, revisionTime, stored, operation, lastResult, lastMessage,
        updatedAt, failedRevision);
  }

  /** As planned: sync status and health as found, the revision, the operation and the last result unchanged. */
  public AppStatus assessed(SyncStatus found, HealthStatus assessed, Instant now) {
    return new AppStatus(application, found, assessed, revision, revisionTime, inventory, operation, lastResult,
        lastMessage, now, failedRevision);
  }

  /** An operation that ended (or stopped) before syncing a revision: the revision last synced stays. */
  public AppStatus ended(SyncStatus found, HealthStatus assessed, Operation next, OperationResult result,
      String message, Instant now) {
    return new AppStatus(application, found, assessed, revision, revisionTime, inventory, next, result, message, now,
        failedRevision);
  }

  /** The same status, with {@code sha} as the commit whose apply attempt failed (null: none). */
  public AppStatus failedAt(String sha) {
    return new AppStatus(application, sync, health, revision, revisionTime, inventory, operation, lastResult,
        lastMessage, updatedAt, sha);
  }

  /** The revision is now {@code sha}, committed at {@code time}; no operation is in flight. */
  public AppStatus at(String sha, Instant time, SyncStatus found, HealthStatus assessed, OperationResult result,
      String message, Instant now) {
    return new AppStatus(application, found, assessed, sha, time, inventory, null, result, message, now, null);
  }
}
