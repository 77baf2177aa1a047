package dev.driftless.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A webhook request as the checks need it: the raw path it was posted to (whose secret it must be signed with:
 * {@link WebhookScope}), its headers and its raw body bytes (the bytes the sender signed), and whether the body
 * is JSON or a form with a {@code payload} field.
 *
 * <p>{@link #from} refuses, in this order: a method other than POST (405); a content type other than
 * {@code application/json} or {@code application/x-www-form-urlencoded} (415; GitHub, Gitea and Forgejo can
 * send the JSON as the form field {@code payload}); a body over the limit (413, judged on the encoded length
 * before any base64 is decoded, then on the decoded bytes); bad base64 or an empty body (400).
 */
public record WebhookRequest(String path, Headers headers, byte[] body, boolean form) {

  /** Reads a Function URL (or API Gateway HTTP API v2) event. */
  public static WebhookRequest from(APIGatewayV2HTTPEvent event, long maxBodyBytes) {
    String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
        : event.getRequestContext().getHttp().getMethod();
    if (method == null || !method.equalsIgnoreCase("POST")) {
      throw new RefusedException(405, "method not allowed", "method " + (method == null ? "(none)"
          : Safe.word(method)) + " is not POST");
    }
    Headers headers = Headers.of(event.getHeaders());
    String type = headers.get("content-type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .orElse("");
    boolean form = type.equals("application/x-www-form-urlencoded");
    if (!form && !type.equals("application/json")) {
      throw new RefusedException(415, "unsupported content type",
          "content-type " + (type.isEmpty() ? "(none)" : Safe.word(type)) + " is neither application/json nor form");
    }
    String raw = event.getBody() == null ? "" : event.getBody();
    byte[] body;
    if (event.getIsBase64Encoded()) {
      // 4 characters carry 3 bytes: refuse what cannot decode to within the limit before decoding any of it.
      if (raw.length() > (maxBodyBytes + 2) / 3 * 4 + 4) throw tooLarge(raw.length());
      try {
        body = Base64.getDecoder().decode(raw.strip());
      } catch (IllegalArgumentException e) {
        throw RefusedException.badRequest("body is not base64", "body: isBase64Encoded is set but it is not base64");
      }
    } else {
      if (raw.length() > maxBodyBytes) throw tooLarge(raw.length());
      body = raw.getBytes(StandardCharsets.UTF_8);
    }
    if (body.length > maxBodyBytes) throw tooLarge(body.length);
    if (body.length == 0) throw RefusedException.badRequest("empty body", "body is empty");
    String path = event.getRawPath() != null ? event.getRawPath() : event.getRequestContext().getHttp().getPath();
    return new WebhookRequest(path, headers, body, form);
  }

  private static RefusedException tooLarge(long size) {
    return new RefusedException(413, "body too large", "body of " + size + " bytes is over the limit");
  }
}
