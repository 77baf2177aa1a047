package dev.driftless.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Objects;

/**
 * One object Git says should exist: its key, its body, the file it came from (for error messages) and a
 * digest of its body. After rendering the body may still hold secret references; after secret resolution
 * it holds the values and the digest is computed over them, so a rotated secret shows as drift.
 *
 * <p>{@link #toString()} never prints the body: it may hold secret values.
 */
public record DesiredObject(ObjectKey key, GenericKubernetesResource object, String origin, String digest) {

  public DesiredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(object, "object");
    origin = origin == null ? "" : origin;
  }

  /**
   * A rendered object, its key read from the body and its digest computed over it. An object named by
   * {@code metadata.generateName} alone (a hook's usual form) is keyed by that prefix until it gets its name.
   */
  public static DesiredObject of(GenericKubernetesResource object, String origin) {
    String name = object.getMetadata().getName();
    ObjectKey key = new ObjectKey(ObjectKey.groupOf(object.getApiVersion()), object.getKind(),
        object.getMetadata().getNamespace(), name == null || name.isBlank()
            ? object.getMetadata().getGenerateName() : name);
    return new DesiredObject(key, object, origin, ObjectDigest.of(object));
  }

  /** The same object with a new body (for example with secrets resolved), re-digested. */
  public DesiredObject withObject(GenericKubernetesResource resolved) {
    return new DesiredObject(key, resolved, origin, ObjectDigest.of(resolved));
  }

  public String apiVersion() {
    return object.getApiVersion();
  }

  @Override
  public String toString() {
    return key + (origin.isEmpty() ? "" : " (" + origin + ")");
  }
}
