package dev.driftless.functions.audit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.functions.webhook.CallerSecrets;
import dev.driftless.functions.webhook.RefusedException;
import dev.driftless.functions.webhook.WebhookRequest;
import dev.driftless.functions.webhook.WebhookScope;
import dev.driftless.secrets.SecretLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A verified audit webhook request: the cluster it came from and its events.
 *
 * <p>{@link Reader#read} checks, in order: method, content type, size and encoding as for a Git webhook
 * ({@link WebhookRequest}: 405, 415, 413, 400); then the raw path, which must be {@code /audit/<cluster>} with the
 * cluster a name (a DNS label, read before any decoding, so never {@code ..}, a slash or an escape); then the
 * bearer token ({@link AuditToken}). A path that names no cluster, a cluster without a token, a lookup over the
 * container's budget, and a missing or wrong token all answer the same 401 and nothing is read or written; only
 * the log says which. Only then is the body read: an audit EventList ({@code items}), else 400.
 */
public record AuditRequest(String cluster, List<JsonNode> events) {

  /** The largest batch accepted: the local API servers split larger ones (truncate-max-batch-size). */
  public static final long MAX_BODY_BYTES = 6L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEGMENT = "audit";

  /** Reads and verifies requests; one per container, holding the token cache. */
  public static final class Reader {

    private final AuditToken token;
    private final long maxBodyBytes;

    public Reader(CallerSecrets secrets, SecretLayout layout, long maxBodyBytes) {
      this.token = new AuditToken(secrets, layout);
      this.maxBodyBytes = maxBodyBytes;
    }

    /** The verified request; every refusal is a {@link RefusedException}. */
    public AuditRequest read(APIGatewayV2HTTPEvent event) {
      WebhookRequest req = WebhookRequest.from(event, maxBodyBytes);
      String cluster = cluster(req.path());
      if (cluster == null) {
        throw RefusedException.unverified("audit: the path names no cluster");
      }
      AuditToken.Verdict verdict = token.check(cluster, req.headers().get("authorization").orElse(null));
      if (verdict != AuditToken.Verdict.VERIFIED) {
        throw RefusedException.unverified("audit " + cluster + ": " + switch (verdict) {
          case NO_TOKEN_SENT -> "no bearer token sent";
          case NO_TOKEN_STORED -> "no audit token stored for the cluster";
          case DEFERRED -> "token lookups over this container's budget; Secrets Manager not asked";
          case MISMATCH -> "the bearer token does not match";
          case VERIFIED -> throw new IllegalStateException("verified");
        });
      }
      return new AuditRequest(cluster, events(cluster, req.body()));
    }
  }

  /** The cluster a raw path names ({@code /audit/c1}), or null when it is not exactly that. */
  static String cluster(String rawPath) {
    String[] s = (rawPath == null ? "" : rawPath).split("/", -1);
    if (s.length != 3 || !s[0].isEmpty() || !s[1].equals(SEGMENT) || !WebhookScope.isName(s[2])) return null;
    return s[2];
  }

  private static List<JsonNode> events(String cluster, byte[] body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw RefusedException.badRequest("body is not JSON", "audit " + cluster + ": body is not JSON");
    } catch (IOException e) {
      throw RefusedException.badRequest("body is not JSON", "audit " + cluster + ": body is not UTF-8 JSON");
    }
    if (n == null || !n.path("items").isArray()) {
      throw RefusedException.badRequest("body is not an audit EventList",
          "audit " + cluster + ": body is not an audit EventList (no items)");
    }
    List<JsonNode> events = new ArrayList<>();
    n.path("items").forEach(events::add);
    return events;
  }
}
