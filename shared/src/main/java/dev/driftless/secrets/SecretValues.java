package dev.driftless.secrets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Secret strings fetched in one go, by version; a version with no entry does not exist. Beside each value, where
 * the client learnt it, the version id Secrets Manager answered with (what a cluster scan compares to tell a
 * rotation). Holds values, so {@link #toString()} names only the versions.
 */
public final class SecretValues {

  private final Map<SecretVersion, String> values;
  private final Map<SecretVersion, String> versionIds;

  public SecretValues(Map<SecretVersion, String> values) {
    this(values, Map.of());
  }

  public SecretValues(Map<SecretVersion, String> values, Map<SecretVersion, String> versionIds) {
    this.values = Map.copyOf(values);
    this.versionIds = Map.copyOf(versionIds);
  }

  /** The version id the value of {@code version} was read at; empty when the client did not say. */
  public Optional<String> versionId(SecretVersion version) {
    return Optional.ofNullable(versionIds.get(version));
  }

  public static SecretValues none() {
    return new SecretValues(Map.of());
  }

  public Optional<String> get(SecretVersion version) {
    return Optional.ofNullable(values.get(version));
  }

  public Set<SecretVersion> versions() {
    return values.keySet();
  }

  /** The values themselves, for masking: never print them. */
  public Collection<String> values() {
    return values.values();
  }

  /** These values and the other's; the other's win for a version present in both. */
  public SecretValues with(SecretValues other) {
    Map<SecretVersion, String> all = new LinkedHashMap<>(values);
    all.putAll(other.values);
    Map<SecretVersion, String> ids = new LinkedHashMap<>(versionIds);
    ids.putAll(other.versionIds);
    return new SecretValues(all, ids);
  }

  @Override
  public String toString() {
    return "SecretValues" + values.keySet();
  }
}
