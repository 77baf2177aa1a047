package dev.driftless.secrets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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

  /**
   * The string values of several secret versions, each fetched once; versions that do not exist are absent
   * from the result. This default asks for them one by one; implementations batch where they can.
   */
  default SecretValues secretStrings(Collection<SecretVersion> versions) {
    Map<SecretVersion, String> found = new LinkedHashMap<>();
    for (SecretVersion v : new LinkedHashSet<>(versions)) {
      secretString(v.id(), v.versionStage(), v.versionId()).ifPresent(value -> found.put(v, value));
    }
    return new SecretValues(found);
  }

  /**
   * The version id each secret version's stage (the current one when none is named) points at now, without
   * reading a value; a version whose id cannot be told (a client that cannot say, or a missing secret) is absent,
   * and a caller takes it for rotated. This default tells none.
   */
  default Map<SecretVersion, String> currentVersionIds(Collection<SecretVersion> versions) {
    return Map.of();
  }
}
