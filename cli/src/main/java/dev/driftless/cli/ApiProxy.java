package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Hands one {@code /api/} request of the dashboard's pages on to the Driftless API through the CLI's
 * {@link ApiClient} (signed for a deployment, {@code --as} for the local runner) and its answer back as it came.
 * Only the method, path, query, body and Content-Type travel: the browser's own headers (cookies,
 * Authorization, X-Driftless-Caller) never do, so the pages act with the CLI user's identity and no other.
 */
final class ApiProxy {

  /** Request bodies are Application, project and policy documents: far below this. */
  static final int MAX_BODY = 1024 * 1024;

  private final ApiClient api;

  ApiProxy(ApiClient api) {
    this.api = api;
  }

  /** Answers the exchange; a refusal of its own (body too large) comes back as the reason, else null. */
  String forward(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null && tooLong(length)) return tooLarge(ex);
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) return tooLarge(ex);
    String body = bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    String raw = ex.getRequestURI().getRawPath()
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
    ApiClient.RawAnswer answer;
    try {
      answer = api.forward(ex.getRequestMethod(), raw, body, ex.getRequestHeaders().getFirst("Content-Type"));
    } catch (ApiClient.ApiError | CliException e) {
      // Unreachable, or no credentials to sign with: the pages show the reason.
      DashboardServer.sendJson(ex, 502, error(e.getMessage()));
      return null;
    }
    byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    // JSON or plain text only: whatever else an answer claims to be is never rendered as a page of this origin.
    ex.getResponseHeaders().set("Content-Type", answer.contentType() != null
        && answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/json") ? answer.contentType()
        : answer.contentType() == null ? "application/json" : "text/plain; charset=utf-8");
    DashboardServer.send(ex, answer.status(), out);
    return null;
  }

  private static boolean tooLong(String length) {
    try {
      return Long.parseLong(length.strip()) > MAX_BODY;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String tooLarge(HttpExchange ex) throws IOException {
    String reason = "request body larger than " + MAX_BODY + " bytes";
    DashboardServer.sendJson(ex, 413, error(reason));
    return reason;
  }

  static ObjectNode error(String message) {
    return ApiClient.JSON.createObjectNode().put("error", message);
  }
}
