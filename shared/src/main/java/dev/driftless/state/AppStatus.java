package dev.driftless.state;

import dev.driftless.inventory.Inventory;
import java.time.Instant;

/**
 * An Application's current state: sync status, health, the revision last synced (commit and when), the
 * inventory of objects it put in its cluster, the operation in flight (null when none) and the last one's
 * message. The status is one small item; the inventory has items of its own ({@link InventoryStore}), written
 * by the apply, so writing a status never writes the inventory.
 */
public record AppStatus(
    String application,
    SyncStatus sync,
    String health,
    String revision,
    Instant revisionTime,
    Inventory inventory,
    Operation operation,
    OperationResult lastResult,
    String lastMessage,
    Instant updatedAt) {

  public static AppStatus initial(String application) {
    return new AppStatus(application, SyncStatus.UNKNOWN, "Unknown", null, null, Inventory.EMPTY, null, null, null,
        null);
  }

  public AppStatus withInventory(Inventory stored) {
    return new AppStatus(application, sync, health, revision, revisionTime, stored, operation, lastResult, lastMessage,
        updatedAt);
  }

  public AppStatus withOperation(Operation op, Instant now) {
    return new AppStatus(application, sync, health, revision, revisionTime, inventory, op, lastResult, lastMessage, now);
  }
}
