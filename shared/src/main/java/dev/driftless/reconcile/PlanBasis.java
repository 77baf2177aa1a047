package dev.driftless.reconcile;

import dev.driftless.apply.Action;
import dev.driftless.inventory.Inventory;
import dev.driftless.reconcile.Preparation.Prepared;
import dev.driftless.state.ScanBasis;

/**
 * What a plan was computed from, for the status, so that a cluster scan can stand in for the next plan
 * (docs/design.md, "Scans per cluster"): the commit rendered, the Application's stored version, the version ids of
 * the secrets its render read.
 */
final class PlanBasis {

  private PlanBasis() {}

  /** The basis of a sync that succeeded: its apply wrote the inventory of exactly these desired objects. */
  static ScanBasis of(Prepared p, long specVersion) {
    return new ScanBasis(p.revision().sha(), specVersion, p.secretVersions());
  }

  /**
   * The basis of a plan that applied nothing, or null when that plan cannot stand for the inventory it ran against:
   * unless every object it planned is listed there and was found unchanged with Driftless owning exactly the fields
   * an apply would own (an owned-fields digest vouched for), the scan must reconcile in full.
   */
  static ScanBasis ofPlan(Prepared p, long specVersion, Inventory inventory) {
    boolean vouched = p.plan().changes().changes().stream().allMatch(c -> inventory.get(c.key()) != null
        && c.action() == Action.UNCHANGED && c.owned() != null);
    return vouched ? of(p, specVersion) : null;
  }
}
