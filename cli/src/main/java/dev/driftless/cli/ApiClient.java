package dev.driftless.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls the Driftless API over HTTP ({@link HttpClient}), signing each request when the server is not the
 * local runner. Answers are JSON; an error answer becomes an {@link ApiError} carrying the API's message.
 */
final class ApiClient {

  /**
   * The API refused a request (its message), or could not be reached; {@code missing} is the permission a 403
   * names (null otherwise); {@code body} the error answer with its details, such as the version a 409 found (an
   * empty object when there was no JSON answer).
   */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String missing;
    private final transient JsonNode body;

    ApiError(int status, String message) {
      this(status, message, null, null);
    }

    ApiError(int status, String message, String missing, JsonNode body) {
      super(message);
      this.status = status;
      this.missing = missing;
      this.body = body == null ? JSON.createObjectNode() : body;
    }

    JsonNode body() {
      return body;
    }

    int status() {
      return status;
    }

    String missing() {
      return missing;
    }
  }

  /** One answer: status, JSON body and headers. */
  record Answer(int status, JsonNode body, Map<String, List<String>> headers) {}

  static final ObjectMapper JSON = new ObjectMapper();
  /** Names the caller to the local runner; a deployment ignores it. */
  static final String CALLER_HEADER = "X-Driftless-Caller";
  /** Headers the HTTP client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

  private final URI server;
  private final RequestSigner signer;
  private final HttpClient http;
  private final String as;

  ApiClient(URI server, RequestSigner signer, HttpClient http) {
    this(server, signer, http, null);
  }

  /** {@code as}: the caller to act as, which only an unsigned (local runner) client may name. */
  ApiClient(URI server, RequestSigner signer, HttpClient http, String as) {
    if (signer != null && as != null) {
      throw new IllegalArgumentException("a signed request takes its caller from the signature, not from a header");
    }
    this.server = server;
    this.signer = signer;
    this.http = http;
    this.as = as;
  }

  JsonNode get(String path) {
    return send("GET", path, null, null, Map.of()).body();
  }

  Answer send(String method, String path, String body, String contentType, Map<String, String> extra) {
    HttpResponse<String> r = exchange(method, path, body, contentType, extra);
    JsonNode json = parse(r.body());
    if (r.statusCode() >= 400) {
      String msg = json != null && json.hasNonNull("error") ? json.get("error").asText()
          : json != null && json.hasNonNull("message") ? json.get("message").asText() // AWS's own answers
          : "HTTP " + r.statusCode();
      if (json != null && json.hasNonNull("requestId")) msg += " (request " + json.get("requestId").asText() + ")";
      String missing = json != null && json.hasNonNull("missing") ? json.get("missing").asText() : null;
      if (r.statusCode() == 403 && signer == null && missing == null) {
        msg += " (the server wants signed requests: use its https URL)";
      }
      throw new ApiError(r.statusCode(), msg, missing, json);
    }
    return new Answer(r.statusCode(), json == null ? JSON.createObjectNode() : json, r.headers().map());
  }

  /**
   * The API's answer as it came, error statuses included (for the dashboard's proxy, which hands them on):
   * only a server that cannot be reached throws, as an {@link ApiError} with status 0.
   */
  RawAnswer forward(String method, String pathAndQuery, String body, String contentType) {
    HttpResponse<String> r = exchange(method, pathAndQuery, body, contentType, Map.of());
    return new RawAnswer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
  }

  /** One answer as it came: status, content type (null when none) and body text. */
  record RawAnswer(int status, String contentType, String body) {}

  private HttpResponse<String> exchange(String method, String path, String body, String contentType,
      Map<String, String> extra) {
    URI uri = server.resolve(server.getPath() + path);
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Accept", "application/json");
    if (body != null) headers.put("Content-Type", contentType == null ? "application/json" : contentType);
    if (as != null) headers.put(CALLER_HEADER, as);
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signer != null) {
      signer.sign(method, uri, headers, body).forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> rb.header(name, v));
      });
    } else {
      headers.forEach(rb::header);
    }
    try {
      return http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new ApiError(0, "cannot connect to " + server + " (is the server running?)");
    } catch (IOException e) {
      throw new ApiError(0, method + " " + uri + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, method + " " + uri + " interrupted");
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) return null;
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
