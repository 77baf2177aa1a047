package dev.driftless.functions.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What a CloudWatch Logs subscription delivers from an EKS control plane's audit log: {@code awslogs.data}, base64
 * of gzip of {@code {messageType, logGroup, logStream, logEvents: [{message}]}}, each message one audit Event as
 * JSON. The log group names the cluster, through the mapping the deployment configures (one entry per cluster
 * that opted in); a log group it does not name, a control message (sent when a subscription is created), and
 * messages that are not JSON objects come to nothing. Decompression is bounded.
 *
 * @param cluster the registered cluster the log group belongs to; null when none
 */
public record AuditLogs(String logGroup, String cluster, List<JsonNode> events) {

  /** The environment variable mapping audit log groups to cluster names: a JSON object. */
  public static final String ENV = "DRIFTLESS_AUDIT_LOG_GROUPS";
  /** The most decompressed bytes read from one delivery (CloudWatch Logs sends at most about 1 MB compressed). */
  static final int MAX_BYTES = 64 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the mapping from {@link #ENV}; an unset variable maps nothing. */
  public static Map<String, String> groups(Map<String, String> env) {
    String v = env.get(ENV);
    if (v == null || v.isBlank()) return Map.of();
    try {
      JsonNode n = JSON.readTree(v);
      if (n == null || !n.isObject()) throw new IllegalStateException("environment variable " + ENV
          + " is not a JSON object of log group names to cluster names");
      return JSON.convertValue(n, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("environment variable " + ENV + " is not a JSON object of log group names "
          + "to cluster names");
    }
  }

  /** Decodes one delivery's {@code awslogs.data}. */
  public static AuditLogs decode(String data, Map<String, String> groups) {
    JsonNode n;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data.strip())))) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) throw new AuditException("audit logs: delivery over " + MAX_BYTES + " bytes");
      n = JSON.readTree(bytes);
    } catch (IOException | IllegalArgumentException e) {
      throw new AuditException("audit logs: awslogs.data is not base64 gzip JSON", e);
    }
    String group = n.path("logGroup").asText("");
    List<JsonNode> events = new ArrayList<>();
    if (!"DATA_MESSAGE".equals(n.path("messageType").asText())) return new AuditLogs(group, null, events);
    for (JsonNode e : n.path("logEvents")) {
      try {
        JsonNode event = JSON.readTree(e.path("message").asText(""));
        if (event != null && event.isObject()) events.add(event);
      } catch (IOException ignored) {
        // Not an audit event (EKS writes only JSON events to the audit streams): nothing to do with it.
      }
    }
    return new AuditLogs(group, groups.get(group), events);
  }
}
