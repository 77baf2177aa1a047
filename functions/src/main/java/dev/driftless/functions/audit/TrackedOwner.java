package dev.driftless.functions.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.apply.Annotations;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The Application a written object says it belongs to: its {@code driftless.dev/tracking-id} annotation, read
 * from the object the audit event carries (RequestResponse level), else from the live object's metadata (Secrets
 * and ConfigMaps are audited at Metadata level, and a write to {@code scale} answers with a Scale): a GET of its
 * PartialObjectMetadata with Driftless's credentials, so no Secret's data is ever fetched. A deleted object is
 * gone by then: its owner is unknown and nothing is queued; the next scan finds it missing.
 *
 * <p>The annotation is only a claim (anyone who can write the object can write it): it counts only when it names
 * this very object (group, namespace, name, and kind when known), so a copy on another object, such as the
 * ReplicaSets a Deployment's annotations are copied to, names nothing. Whether the Application exists and
 * deploys to this cluster is {@link AuditReceiver}'s check.
 */
final class TrackedOwner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");
  private static final String METADATA_ONLY = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private TrackedOwner() {}

  /** The Application named by the written object's tracking id, when it names this object. */
  static Optional<String> of(AuditEvent e, KubernetesClient client, String cluster) {
    JsonNode object = carried(e);
    String kind = object == null ? null : object.path("kind").asText();
    if (object == null) object = live(e, client, cluster);
    if (object == null) return Optional.empty();
    ObjectKey.TrackedBy by = ObjectKey.parseTrackingId(
        object.path("metadata").path("annotations").path(Annotations.TRACKING_ID).asText(null));
    if (by == null || by.application().isEmpty()) return Optional.empty();
    ObjectKey k = by.key();
    boolean same = k.group().equals(e.group()) && k.namespace().equals(e.namespace()) && k.name().equals(e.name())
        && (kind == null || k.kind().equals(kind));
    return same ? Optional.of(by.application()) : Optional.empty();
  }

  /** The written object itself, when the event carries it (not a Scale, nor a delete's Status). */
  private static JsonNode carried(AuditEvent e) {
    JsonNode o = e.object();
    if (o == null || !e.subresource().isEmpty() || !o.path("metadata").isObject()) return null;
    String kind = o.path("kind").asText("");
    return kind.isEmpty() || kind.equals("Status") ? null : o;
  }

  /** The live object's metadata; null when it is gone, not readable by Driftless, or not a plain object path. */
  private static JsonNode live(AuditEvent e, KubernetesClient client, String cluster) {
    String path = path(e);
    if (path == null) return null;
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(base + path).header("Accept", METADATA_ONLY).build();
    HttpResponse<String> r;
    try {
      r = http.sendAsync(request, String.class).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AuditException("cluster " + cluster + ": reading " + e.describe() + " interrupted", ex);
    } catch (ExecutionException | TimeoutException ex) {
      throw new AuditException("cluster " + cluster + ": reading " + e.describe() + " failed: "
          + ex.getClass().getSimpleName(), ex);
    }
    // Gone, or Driftless may not read it (then Driftless does not deploy it either).
    if (r.code() == 404 || r.code() == 403) return null;
    if (!r.isSuccessful()) {
      throw new AuditException("cluster " + cluster + ": reading " + e.describe() + " answered " + r.code());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException ex) {
      throw new AuditException("cluster " + cluster + ": reading " + e.describe() + ": the answer is not JSON", ex);
    }
  }

  /** The object's API path, or null when a part of it is not a plain name (it is the event's word, not ours). */
  static String path(AuditEvent e) {
    for (String s : new String[] {e.version(), e.resource(), e.name()}) {
      if (!SEGMENT.matcher(s).matches()) return null;
    }
    if (!e.group().isEmpty() && !SEGMENT.matcher(e.group()).matches()) return null;
    if (!e.namespace().isEmpty() && !SEGMENT.matcher(e.namespace()).matches()) return null;
    StringBuilder p = new StringBuilder(e.group().isEmpty() ? "/api/" : "/apis/" + e.group() + "/").append(e.version());
    if (!e.namespace().isEmpty()) p.append("/namespaces/").append(e.namespace());
    return p.append('/').append(e.resource()).append('/').append(e.name()).toString();
  }
}
