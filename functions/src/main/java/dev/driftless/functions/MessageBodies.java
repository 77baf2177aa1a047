package dev.driftless.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the JSON bodies of the queue's typed messages (cluster scans, pull-request plans). */
final class MessageBodies {

  static final ObjectMapper JSON = new ObjectMapper();

  private MessageBodies() {}

  /** True when the body is JSON whose {@code type} is {@code type}. */
  static boolean isOfType(String body, String type) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && type.equals(n.path("type").asText(null));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The body as JSON; the error names the message, never echoing the body. */
  static JsonNode read(String body, String messageId) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message " + messageId + ": body is not JSON");
    }
  }
}
