package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.model.DriftlessException;

/**
 * A request the API refuses, with the HTTP status to answer and a message that names the field or object;
 * its message is returned to the caller as is, so it never holds a secret or another exception's text.
 * {@code details} (may be null) adds fields to the error body, such as the version found on a conflict.
 */
public final class ApiException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ObjectNode details;

  public ApiException(int status, String message, ObjectNode details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public int status() {
    return status;
  }

  public ObjectNode details() {
    return details;
  }
}
