package dev.driftless.functions.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes audit event ({@code audit.k8s.io/v1} Event) as far as drift needs it: its stage, who did what to
 * which object, how the API server answered, and the object it answered with (present at RequestResponse level).
 * Read leniently: a field that is missing reads as empty, and {@link AuditFilter} ignores what that leaves
 * unusable. Request bodies are never kept: they may hold values.
 *
 * @param object the response object (the written object, or a Scale, or a Status), or null
 */
public record AuditEvent(String auditId, String stage, String verb, String username, String group, String version,
    String resource, String subresource, String namespace, String name, int code, JsonNode object) {

  /** Reads one event; never fails. */
  public static AuditEvent of(JsonNode n) {
    JsonNode ref = n.path("objectRef");
    JsonNode response = n.path("responseObject");
    JsonNode object = response.isObject() ? response : null;
    String name = ref.path("name").asText("");
    if (name.isEmpty() && object != null) {
      // A create with generateName is logged without a name; the created object has one.
      name = object.path("metadata").path("name").asText("");
    }
    return new AuditEvent(n.path("auditID").asText(""), n.path("stage").asText(""), n.path("verb").asText(""),
        n.path("user").path("username").asText(""), ref.path("apiGroup").asText(""),
        ref.path("apiVersion").asText(""), ref.path("resource").asText(""), ref.path("subresource").asText(""),
        ref.path("namespace").asText(""), name, n.path("responseStatus").path("code").asInt(0), object);
  }

  /** For the log and the history: who changed what, never a value ({@code admin patch deployments/scale ns/web}). */
  public String describe() {
    String what = group.isEmpty() ? resource : resource + "." + group;
    if (!subresource.isEmpty()) what += "/" + subresource;
    return Words.safe(username) + " " + Words.safe(verb) + " " + Words.safe(what) + " "
        + Words.safe(namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
