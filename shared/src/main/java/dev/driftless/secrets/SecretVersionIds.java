package dev.driftless.secrets;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version ids that a render's secret references were read at, keyed by a text that names the secret and its
 * stage ({@code <id>} for the current version, {@code <id> stage <stage>} otherwise; secret names and ARNs hold
 * no space). References pinned to a version id are left out: they cannot rotate. A version whose id the client
 * did not tell is recorded with an empty id, which no current id equals. Version ids only, never a value.
 */
public final class SecretVersionIds {

  private static final String STAGE = " stage ";

  private SecretVersionIds() {}

  /** The ids {@code values} were read at, for every reference in {@code read} that names no version id. */
  static Map<String, String> readAt(Collection<SecretVersion> read, SecretValues values) {
    Map<String, String> out = new TreeMap<>();
    for (SecretVersion v : read) {
      if (v.versionId() == null) out.put(key(v), values.versionId(v).orElse(""));
    }
    return out;
  }

  /**
   * The version id each key's stage points at now; a key whose id cannot be told (a missing secret, a client
   * that cannot say) is absent, and a caller takes it for rotated. One id lookup per distinct secret through
   * {@code client}, never a value read.
   */
  public static Map<String, String> current(Collection<String> keys, SecretsClient client) {
    Map<String, SecretVersion> asked = new LinkedHashMap<>();
    keys.forEach(k -> asked.put(k, parse(k)));
    Map<SecretVersion, String> now = asked.isEmpty() ? Map.of() : client.currentVersionIds(asked.values());
    Map<String, String> out = new LinkedHashMap<>();
    asked.forEach((k, v) -> {
      if (now.get(v) != null) out.put(k, now.get(v));
    });
    return out;
  }

  static String key(SecretVersion v) {
    return v.versionStage() == null ? v.id() : v.id() + STAGE + v.versionStage();
  }

  static SecretVersion parse(String key) {
    int at = key.indexOf(STAGE);
    return at < 0 ? SecretVersion.current(key) : new SecretVersion(key.substring(0, at), key.substring(at + STAGE.length()), null);
  }
}
