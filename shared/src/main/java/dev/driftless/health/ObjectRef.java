package dev.driftless.health;

import dev.driftless.model.DesiredObject;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One live object to look up: its key and the apiVersion to read it at (the key alone has no version, and
 * the API server needs one).
 */
public record ObjectRef(String apiVersion, ObjectKey key) {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(key, "key");
    if (!ObjectKey.groupOf(apiVersion).equals(key.group())) {
      throw new IllegalArgumentException(key + ": apiVersion " + apiVersion + " is not in group '" + key.group() + "'");
    }
  }

  public static ObjectRef of(DesiredObject desired) {
    return new ObjectRef(desired.apiVersion(), desired.key());
  }

  public static ObjectRef of(HasMetadata object) {
    return new ObjectRef(object.getApiVersion(), new ObjectKey(ObjectKey.groupOf(object.getApiVersion()),
        object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName()));
  }

  public String kind() {
    return key.kind();
  }

  public String namespace() {
    return key.namespace();
  }

  public String name() {
    return key.name();
  }

  @Override
  public String toString() {
    return key.toString();
  }
}
