package dev.driftless.apply;

import dev.driftless.inventory.Inventory;

/**
 * Where the apply stores the inventory as it goes: before its first write to the cluster (every object it is
 * about to create or configure is recorded first) and after its last, so that a process killed at any point
 * leaves every object it created in the stored inventory, to be pruned by the next sync. A failed write
 * throws, and the apply stops before writing to the cluster.
 */
@FunctionalInterface
public interface InventoryJournal {

  /** Keeps nothing: for plans applied by tests and tools that hold the inventory themselves. */
  InventoryJournal NONE = inventory -> { };

  void store(Inventory inventory);
}
