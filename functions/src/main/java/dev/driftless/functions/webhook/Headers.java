package dev.driftless.functions.webhook;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Request headers by name without case. Function URLs and API Gateway HTTP APIs already lower-case them;
 * other callers (the local runner, tests, proxies) may not.
 */
public final class Headers {

  private final Map<String, String> byName;

  private Headers(Map<String, String> byName) {
    this.byName = byName;
  }

  public static Headers of(Map<String, String> headers) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k != null && v != null) m.put(k.strip(), v);
      });
    }
    return new Headers(Collections.unmodifiableMap(m));
  }

  /** The header's value, stripped, or empty when it is absent or blank. */
  public Optional<String> get(String name) {
    String v = byName.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public boolean has(String name) {
    return get(name).isPresent();
  }
}
