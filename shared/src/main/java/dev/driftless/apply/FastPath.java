package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import java.util.function.Supplier;

/**
 * The rule the plan's fast path and the cluster scan share (docs/design.md, "The plan's fast path"): a live object
 * still holds what Driftless last applied to it when it is still this Application's and either nothing wrote to it
 * since (the same resourceVersion) or only others' fields moved (Driftless's Apply entry in managedFields has the
 * digest recorded). An object with no recorded owned-fields digest is vouched for only by its resourceVersion.
 */
final class FastPath {

  private FastPath() {}

  /**
   * @param owned the live Apply entry's digest, taken only when the resourceVersion alone does not decide
   */
  static boolean unchangedSince(Inventory.Entry recorded, String application, String trackedBy, String resourceVersion,
      Supplier<String> owned) {
    if (recorded == null || !application.equals(trackedBy)) return false;
    return resourceVersion != null && resourceVersion.equals(recorded.resourceVersion())
        || recorded.owned() != null && recorded.owned().equals(owned.get());
  }
}
