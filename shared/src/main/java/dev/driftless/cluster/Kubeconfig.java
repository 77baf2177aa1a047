package dev.driftless.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The only parts of a kubeconfig Driftless reads: from the current context, the cluster's server and CA data and
 * the user's token or client certificate and key data. Everything that would make the client run a command
 * ({@code exec}, {@code auth-provider}), read a file of the function's file system, send a password, use a proxy
 * or skip TLS verification is refused by name, in every cluster and user of the file, not only the current
 * one: such a kubeconfig is not one to keep in Secrets Manager. Messages name the field, never a value.
 *
 * @param server the API server URL
 * @param caData base64 PEM CA bundle, or null
 * @param token the bearer token, or null
 * @param clientCertData base64 PEM client certificate, or null
 * @param clientKeyData base64 PEM client key, or null
 */
public record Kubeconfig(String server, String caData, String token, String clientCertData, String clientKeyData) {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final Set<String> CLUSTER_FIELDS = Set.of("server", "certificate-authority-data",
      "insecure-skip-tls-verify", "extensions");
  private static final Set<String> USER_FIELDS = Set.of("token", "client-certificate-data", "client-key-data",
      "extensions");
  private static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("exec", "would run a command"),
      Map.entry("auth-provider", "would run a plugin that may run commands"),
      Map.entry("tokenFile", "names a file"),
      Map.entry("token-file", "names a file"),
      Map.entry("client-certificate", "names a file (use client-certificate-data)"),
      Map.entry("client-key", "names a file (use client-key-data)"),
      Map.entry("certificate-authority", "names a file (use certificate-authority-data)"),
      // Kubernetes dropped basic authentication in 1.19; a password would travel with every request.
      Map.entry("username", "is basic authentication, which Kubernetes no longer supports"),
      Map.entry("password", "is basic authentication, which Kubernetes no longer supports"),
      Map.entry("proxy-url", "would send requests through a proxy"));

  @Override
  public String toString() {
    return "Kubeconfig[server=" + server + ", token=" + (token == null ? "none" : "***") + ", clientCert="
        + (clientCertData == null ? "none" : "***") + "]";
  }

  /**
   * Reads the kubeconfig text; {@code what} starts every message (e.g. {@code cluster prod: kubeconfig in secret
   * driftless/clusters/prod}).
   */
  public static Kubeconfig parse(String what, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the content: keep only where it broke.
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      throw refused(what, "is not valid YAML" + where);
    }
    if (root == null || !root.isObject()) throw refused(what, "is not a YAML mapping");
    checkEntries(what, root, "clusters", "cluster", CLUSTER_FIELDS);
    checkEntries(what, root, "users", "user", USER_FIELDS);
    String contextName = text(root, "current-context");
    if (contextName == null) throw refused(what, "has no current-context");
    JsonNode context = named(what, root, "contexts", contextName).path("context");
    String clusterName = text(context, "cluster");
    String userName = text(context, "user");
    if (clusterName == null) throw refused(what, "contexts[" + contextName + "].context.cluster is missing");
    JsonNode cluster = named(what, root, "clusters", clusterName).path("cluster");
    String server = text(cluster, "server");
    if (server == null) throw refused(what, "clusters[" + clusterName + "].cluster.server is missing");
    JsonNode user = userName == null ? null : named(what, root, "users", userName).path("user");
    String token = text(user, "token");
    String cert = text(user, "client-certificate-data");
    String key = text(user, "client-key-data");
    if ((cert == null) != (key == null)) {
      throw refused(what, "users[" + userName + "].user needs both client-certificate-data and client-key-data");
    }
    if (token == null && cert == null) {
      throw refused(what, "users[" + userName + "] has no token and no client-certificate-data");
    }
    return new Kubeconfig(server, text(cluster, "certificate-authority-data"), token, cert, key);
  }

  /** Refuses every field outside {@code allowed} in each entry of the list, naming the first one found. */
  private static void checkEntries(String what, JsonNode root, String list, String inner, Set<String> allowed) {
    JsonNode entries = root.path(list);
    if (entries.isMissingNode() || entries.isNull()) return;
    if (!entries.isArray()) throw refused(what, list + " is not a list");
    for (JsonNode entry : entries) {
      String name = entry.path("name").asText("?");
      JsonNode body = entry.path(inner);
      if (!body.isObject()) continue;
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        String where = list + "[" + name + "]." + inner + "." + field;
        if (REFUSED.containsKey(field)) {
          throw refused(what, where + " is refused: it " + REFUSED.get(field));
        }
        if (!allowed.contains(field)) {
          throw refused(what, where + " is refused: only " + String.join(", ", allowed.stream().sorted().toList())
              + " are read");
        }
      }
      if (body.path("insecure-skip-tls-verify").asBoolean(false)) {
        throw refused(what, list + "[" + name + "]." + inner + ".insecure-skip-tls-verify is refused: the API "
            + "server's certificate is always verified");
      }
    }
  }

  private static JsonNode named(String what, JsonNode root, String list, String name) {
    for (JsonNode entry : root.path(list)) {
      if (name.equals(entry.path("name").asText(null))) return entry;
    }
    throw refused(what, list + "[" + name + "] is missing");
  }

  private static String text(JsonNode node, String field) {
    if (node == null) return null;
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
  }

  private static ClusterRefusedException refused(String what, String why) {
    return new ClusterRefusedException(what + ": " + why);
  }
}
