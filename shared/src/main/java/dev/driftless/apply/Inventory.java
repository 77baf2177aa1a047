package dev.driftless.apply;

import dev.driftless.model.ObjectKey;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an Application last put in its cluster: per object, the apiVersion to reach it, the digest of the
 * desired body applied, and the live resourceVersion and owned fields seen after the write. Digests and
 * references only; never a manifest or a secret value.
 */
public record Inventory(Map<ObjectKey, Entry> entries) {

  public static final Inventory EMPTY = new Inventory(Map.of());

  public Inventory {
    entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /**
   * One object: how to reach it, the digest of what was applied, the live resourceVersion last seen, the
   * digest of the fields Driftless owned on it then ({@link OwnedFields}; null when unknown), its wave.
   */
  public record Entry(String apiVersion, String digest, String resourceVersion, String owned, int wave) {
    public Entry(String apiVersion, String digest, String resourceVersion, int wave) {
      this(apiVersion, digest, resourceVersion, null, wave);
    }
  }

  public Entry get(ObjectKey key) {
    return entries.get(key);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The inventory to store before a sync writes anything: this one plus every object about to be created or
   * configured. An object not listed yet is recorded as unconfirmed (no digest, resourceVersion or owned
   * fields, so the plan's fast path never trusts it) until the sync says how its write went.
   */
  public Inventory ahead(Collection<Change> planned) {
    Map<ObjectKey, Entry> next = new TreeMap<>(entries);
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
  public Inventory after(Collection<Change> changes) {
    Map<ObjectKey, Entry> next = new TreeMap<>();
    for (Change c : changes) {
      Entry prev = entries.get(c.key());
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
