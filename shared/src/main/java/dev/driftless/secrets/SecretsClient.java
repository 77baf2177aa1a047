package dev.driftless.secrets;

import java.util.Optional;

/**
 * Reads secret strings by id. Implementations never log or put values in exception messages: errors name the
 * id (a reference), never the value.
 */
public interface SecretsClient {

  /**
   * The secret's string value at the given version stage or id (both optional, null meaning AWSCURRENT), or
   * empty when no such secret exists.
   */
  Optional<String> secretString(String id, String versionStage, String versionId);

  default Optional<String> secretString(String id) {
    return secretString(id, null, null);
  }
}
