package dev.driftless.model;

import java.util.Objects;

/**
 * Identifies one Kubernetes object: API group (empty for the core group), kind, namespace (empty for
 * cluster-scoped objects) and name. Versions are deliberately not part of it: one object is one object
 * whichever version it is served at.
 */
public record ObjectKey(String group, String kind, String namespace, String name) implements Comparable<ObjectKey> {

  public ObjectKey {
    group = group == null ? "" : group;
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The group of an apiVersion: {@code apps/v1} gives {@code apps}, {@code v1} gives the empty core group. */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The value of the {@code driftless.dev/tracking-id} annotation for this object in an application. */
  public String trackingId(String application) {
    return application + ":" + group + "/" + kind + ":" + namespace + "/" + name;
  }

  /** Parses a tracking id back into the application and key; null when it is not one. */
  public static TrackedBy parseTrackingId(String trackingId) {
    if (trackingId == null) {
      return null;
    }
    String[] parts = trackingId.split(":", 3);
    if (parts.length != 3) {
      return null;
    }
    String[] gk = parts[1].split("/", 2);
    String[] nn = parts[2].split("/", 2);
    if (gk.length != 2 || nn.length != 2 || gk[1].isEmpty() || nn[1].isEmpty()) {
      return null;
    }
    return new TrackedBy(parts[0], new ObjectKey(gk[0], gk[1], nn[0], nn[1]));
  }

  /** An application and one of its objects, as read from a tracking id. */
  public record TrackedBy(String application, ObjectKey key) {}

  @Override
  public int compareTo(ObjectKey o) {
    int c = group.compareTo(o.group);
    if (c == 0) c = kind.compareTo(o.kind);
    if (c == 0) c = namespace.compareTo(o.namespace);
    if (c == 0) c = name.compareTo(o.name);
    return c;
  }

  @Override
  public String toString() {
    String gk = group.isEmpty() ? kind : kind + "." + group;
    return namespace.isEmpty() ? gk + " " + name : gk + " " + namespace + "/" + name;
  }
}
