package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer: status, a JSON body and extra headers (Content-Type is always application/json). */
public record ApiResponse(int status, JsonNode body, Map<String, String> headers) {

  public ApiResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static ApiResponse of(int status, JsonNode body) {
    return new ApiResponse(status, body, Map.of());
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, body, h);
  }

  /** The body as compact JSON text. */
  public String bodyText() {
    return body == null ? "" : body.toString();
  }
}
