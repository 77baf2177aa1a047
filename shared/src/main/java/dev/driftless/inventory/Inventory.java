package dev.driftless.inventory;

import dev.driftless.model.ObjectKey;
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
}
