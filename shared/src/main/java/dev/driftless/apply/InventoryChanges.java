package dev.driftless.apply;

import dev.driftless.inventory.Inventory;
import dev.driftless.inventory.Inventory.Entry;
import dev.driftless.model.ObjectKey;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** How a sync moves the inventory: what it records before writing, and what follows from its outcomes. */
final class InventoryChanges {

  private InventoryChanges() {}

  /**
   * The inventory to store before a sync writes anything: this one plus every object about to be created or
   * configured. An object not listed yet is recorded as unconfirmed (no digest, resourceVersion or owned
   * fields, so the plan's fast path never trusts it) until the sync says how its write went.
   */
  static Inventory ahead(Inventory previous, Collection<Change> planned) {
    Map<ObjectKey, Entry> next = new TreeMap<>(previous.entries());
    for (Change c : planned) {
      if (c.action() == Action.CREATE || c.action() == Action.CONFIGURE) {
        next.computeIfAbsent(c.key(), k -> unconfirmed(c));
      }
    }
    return new Inventory(next);
  }

  /**
   * The inventory after a sync: every desired object that now exists (applied or unchanged) with its new
   * resourceVersion, plus every previous object whose prune failed or was skipped (it may still exist and
   * must be tried again). Objects whose configure failed keep their previous entry; objects whose create
   * failed stay as unconfirmed entries (the request may have reached the server; the next plan finds out);
   * objects never attempted are left out.
   */
  static Inventory after(Inventory previous, Collection<Change> changes) {
    Map<ObjectKey, Entry> next = new TreeMap<>();
    for (Change c : changes) {
      Entry prev = previous.get(c.key());
      switch (c.outcome()) {
        case APPLIED, UNCHANGED -> next.put(c.key(),
            new Entry(c.apiVersion(), c.digest(), c.resourceVersion(), c.owned(), c.wave()));
        case PRUNED, RELEASED -> { }
        case FAILED -> next.put(c.key(), prev != null ? prev : unconfirmed(c));
        case SKIPPED, PLANNED -> {
          if (prev != null) next.put(c.key(), prev);
        }
        default -> { }
      }
    }
    return new Inventory(next);
  }

  private static Entry unconfirmed(Change c) {
    return new Entry(c.apiVersion(), null, null, null, c.wave());
  }
}
