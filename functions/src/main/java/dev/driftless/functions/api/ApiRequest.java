package dev.driftless.functions.api;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to the API, free of any Lambda type: method, path, query parameters, headers (names
 * compared without case), the body as text (null when none), who called (the IAM caller's ARN, or
 * "anonymous") and the request id that a 500 answer names.
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
    String body, String caller, String requestId) {

  public ApiRequest {
    method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    path = path == null || path.isEmpty() ? "/" : path;
    query = query == null ? Map.of() : Map.copyOf(query);
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) h.putAll(headers);
    headers = Collections.unmodifiableMap(h);
    caller = caller == null || caller.isBlank() ? "anonymous" : caller;
    requestId = requestId == null ? "-" : requestId;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** A query parameter, or null when absent or empty. */
  public String param(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  public boolean hasBody() {
    return body != null && !body.isBlank();
  }
}
