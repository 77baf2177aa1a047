package dev.driftless.secrets;

import dev.driftless.model.DriftlessException;
import dev.driftless.model.ObjectKey;

/**
 * A secret reference could not be resolved: the message names the object, the field and the reference text
 * (a reference, never a value). No object is resolved when one reference fails.
 */
public class SecretResolutionException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  private final transient ObjectKey object;
  private final String field;
  private final String reference;

  public SecretResolutionException(ObjectKey object, String field, String reference, String problem) {
    super(object + ": " + field + ": " + (reference == null ? "" : reference + ": ") + problem);
    this.object = object;
    this.field = field;
    this.reference = reference;
  }

  public ObjectKey object() {
    return object;
  }

  public String field() {
    return field;
  }

  public String reference() {
    return reference;
  }
}
