package dev.driftless.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.reconcile.ClusterScan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Work for the sync function: scan Applications of one cluster ({@link ClusterScan}) and queue a full reconcile
 * (a {@code schedule} {@link SyncMessage} each) for those that differ. Its message group is the cluster. The body:
 *
 * <pre>
 * {"type": "cluster-scan", "cluster": "prod-eu",
 *  "applications": ["web", "api"],                                       // optional
 *  "tracking": {"group": "apps", "kind": "Deployment", "namespace": "shop"}, // optional
 *  "requestedAt": "2026-12-06T10:00:00Z"}                               // optional
 * </pre>
 *
 * <ul>
 *   <li>{@code applications} names the Applications to scan (at most {@link #MAX_APPLICATIONS}); absent or empty,
 *       every Application on the cluster (its {@code APPS_ON#} index).
 *   <li>{@code tracking} narrows them to those whose inventory tracks that kind ({@code group} empty or absent for
 *       the core group) in that namespace (absent: any namespace, or cluster-scoped).
 * </ul>
 *
 * <p>A sender of targeted work (an audit event of a write to a tracked object) sends it with
 * {@link #deduplicationId(Instant)}: messages for the same cluster and scope within one {@link #BUCKET_SECONDS}
 * bucket are coalesced by the FIFO queue into one scan.
 */
public record ClusterScanMessage(String cluster, List<String> applications, ClusterScan.Tracking tracking,
    Instant requestedAt) {

  public static final String TYPE = "cluster-scan";
  /** A page of the scheduled scan; SQS's 256 KB body holds this many names of Kubernetes' 253 characters. */
  public static final int MAX_APPLICATIONS = 1000;
  /** Targeted scans of one cluster and scope within this many seconds are one scan. */
  public static final int BUCKET_SECONDS = 2;

  private static final ObjectMapper JSON = MessageBodies.JSON;

  public ClusterScanMessage {
    Objects.requireNonNull(cluster, "cluster");
    applications = applications == null ? List.of() : List.copyOf(applications);
  }

  /** True when the body is a cluster scan rather than an Application's {@link SyncMessage}. */
  public static boolean isOne(String body) {
    return MessageBodies.isOfType(body, TYPE);
  }

  /** Parses a body; the error names the message and the field, never echoing the body. */
  public static ClusterScanMessage parse(String body, String messageId) {
    JsonNode n = MessageBodies.read(body, messageId);
    String cluster = n.path("cluster").asText("");
    if (cluster.isBlank()) throw new IllegalArgumentException("message " + messageId + ": cluster is required");
    List<String> apps = new ArrayList<>();
    JsonNode list = n.path("applications");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray() || list.size() > MAX_APPLICATIONS) {
        throw new IllegalArgumentException("message " + messageId + ": applications must be a list of at most "
            + MAX_APPLICATIONS + " names");
      }
      for (JsonNode a : list) {
        if (!a.isTextual() || a.asText().isBlank()) {
          throw new IllegalArgumentException("message " + messageId + ": applications must hold names only");
        }
        apps.add(a.asText());
      }
    }
    ClusterScan.Tracking tracking = null;
    JsonNode t = n.path("tracking");
    if (!t.isMissingNode() && !t.isNull()) {
      if (!t.isObject() || !t.path("kind").isTextual() || t.path("kind").asText().isBlank()) {
        throw new IllegalArgumentException("message " + messageId + ": tracking needs a kind");
      }
      tracking = new ClusterScan.Tracking(t.path("group").asText(""), t.get("kind").asText(),
          t.hasNonNull("namespace") ? t.get("namespace").asText() : null);
    }
    Instant at = null;
    if (n.hasNonNull("requestedAt")) {
      try {
        at = Instant.parse(n.get("requestedAt").asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("message " + messageId + ": requestedAt is not an ISO-8601 instant");
      }
    }
    return new ClusterScanMessage(cluster, apps, tracking, at);
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode().put("type", TYPE).put("cluster", cluster);
    if (!applications.isEmpty()) applications.forEach(o.putArray("applications")::add);
    if (tracking != null) {
      ObjectNode t = o.putObject("tracking").put("group", tracking.group()).put("kind", tracking.kind());
      if (tracking.namespace() != null) t.put("namespace", tracking.namespace());
    }
    if (requestedAt != null) o.put("requestedAt", requestedAt.toString());
    return o.toString();
  }

  /**
   * The FIFO deduplication id that coalesces this scan with the same cluster and scope sent within the same
   * {@link #BUCKET_SECONDS} bucket as {@code now}: a digest, so any names fit SQS's 128 characters.
   */
  public String deduplicationId(Instant now) {
    return "cluster-scan-" + digest(scope() + "\n" + now.getEpochSecond() / BUCKET_SECONDS);
  }

  /** What the scan covers: the cluster, its sorted Applications, the tracked kind and namespace. */
  String scope() {
    return cluster + "\n" + String.join("\n", new TreeSet<>(applications)) + "\n"
        + (tracking == null ? "" : tracking.group() + "/" + tracking.kind() + "/" + tracking.namespace());
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
