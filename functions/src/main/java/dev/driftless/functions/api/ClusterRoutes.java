package dev.driftless.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.access.Permission;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRefusedException;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.state.ClusterStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /api/clusters}: register (PUT, create or replace), read, list and remove cluster registrations.
 * A registration holds references only (server, CA data, auth method, a Secrets Manager id), never a
 * credential; removing one touches nothing in the cluster. Before a registration is stored, the cluster clients
 * admit it: where its credential may go, and for a kubeconfig, what the kubeconfig in the secret holds.
 */
final class ClusterRoutes {

  static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
      + "[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final Set<String> FIELDS = Set.of("name", "server", "caData", "auth", "secretId", "eksClusterName",
      "roleArn", "region");
  private static final Set<String> KNOWN = Stream.concat(FIELDS.stream(), Stream.of("labels"))
      .collect(Collectors.toUnmodifiableSet());

  private final ClusterStore clusters;
  private final ClusterClients clients;

  ClusterRoutes(ClusterStore clusters, ClusterClients clients) {
    this.clusters = clusters;
    this.clients = clients;
  }

  void register(Router r) {
    // Any role reads registrations (references only, never a credential); registering (PUT creates or replaces,
    // hence one permission, clusters/update) and removing are for admins.
    r.add("GET", "/api/clusters", Need.global(Permission.CLUSTERS_GET), (req, p) -> list())
        .add("PUT", "/api/clusters/{name}", Need.global(Permission.CLUSTERS_UPDATE, "cluster"),
            (req, p) -> put(req, p.get("name")))
        .add("GET", "/api/clusters/{name}", Need.global(Permission.CLUSTERS_GET, "cluster"),
            (req, p) -> get(p.get("name")))
        .add("DELETE", "/api/clusters/{name}", Need.global(Permission.CLUSTERS_DELETE, "cluster"),
            (req, p) -> delete(p.get("name")));
  }

  private ApiResponse list() {
    ObjectNode body = Views.object();
    ArrayNode items = body.putArray("items");
    for (String name : clusters.names()) {
      clusters.get(name).ifPresent(c -> items.add(view(c)));
    }
    return ApiResponse.of(200, body);
  }

  private ApiResponse get(String name) {
    return ApiResponse.of(200, view(find(name)));
  }

  private ApiResponse put(ApiRequest req, String name) {
    ClusterRegistration c = parse(name, Bodies.object(req, "cluster " + name, true));
    try {
      clients.admit(c);
    } catch (ClusterRefusedException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    boolean existed = clusters.get(name).isPresent();
    clusters.put(c);
    return ApiResponse.of(existed ? 200 : 201, view(c));
  }

  private ObjectNode view(ClusterRegistration c) {
    return Views.cluster(c, clusters.reachability(c.name()));
  }

  private ApiResponse delete(String name) {
    find(name);
    clusters.delete(name);
    return ApiResponse.of(200, Views.object().put("deleted", name)
        .put("note", "only the registration was removed; nothing in the cluster was touched"));
  }

  private ClusterRegistration find(String name) {
    return clusters.get(name).orElseThrow(() -> ApiException.notFound("cluster " + name + " is not registered"));
  }

  /**
   * Reads a registration body field by field; every error names the cluster and the field. Where the credential
   * may go (server, region, EKS endpoint, secret name) is {@link ClusterClients#admit}'s to judge.
   */
  static ClusterRegistration parse(String name, ObjectNode body) {
    String what = "cluster " + name;
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest(what + ": name must be a DNS label (lowercase letters, digits and '-', "
          + "at most 63)");
    }
    Bodies.onlyKnown(body, what, KNOWN);
    String bodyName = Bodies.string(body, what, "name");
    if (bodyName != null && !bodyName.equals(name)) {
      throw ApiException.badRequest(what + ": name " + bodyName + " in the body differs from the name in the path");
    }
    String authWord = Bodies.string(body, what, "auth");
    if (authWord == null) throw ApiException.badRequest(what + ": auth is required (eks, token or kubeconfig)");
    ClusterRegistration.Auth auth;
    try {
      auth = ClusterRegistration.Auth.valueOf(authWord.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(what + ": auth must be eks, token or kubeconfig, not " + authWord);
    }
    Map<String, String> f = new HashMap<>();
    for (String field : FIELDS) f.put(field, Bodies.string(body, what, field));
    String server = f.get("server");
    if (server == null && auth != ClusterRegistration.Auth.KUBECONFIG) {
      throw ApiException.badRequest(what + ": server is required with auth " + authWord);
    }
    if (f.get("caData") != null) checkBase64(what, f.get("caData"));
    boolean needsSecret = auth != ClusterRegistration.Auth.EKS;
    if (needsSecret && f.get("secretId") == null) {
      throw ApiException.badRequest(what + ": secretId (a Secrets Manager id) is required with auth " + authWord);
    }
    if (!needsSecret && f.get("secretId") != null) {
      throw ApiException.badRequest(what + ": secretId is not used with auth eks (tokens come from the "
          + "function's own AWS identity)");
    }
    if (auth == ClusterRegistration.Auth.EKS && f.get("eksClusterName") == null) {
      throw ApiException.badRequest(what + ": eksClusterName is required with auth eks");
    }
    if (auth != ClusterRegistration.Auth.EKS) {
      for (String eksOnly : new String[] {"eksClusterName", "roleArn"}) {
        if (f.get(eksOnly) != null) {
          throw ApiException.badRequest(what + ": " + eksOnly + " is only used with auth eks");
        }
      }
    }
    return new ClusterRegistration(name, server, f.get("caData"), auth, f.get("secretId"), f.get("eksClusterName"),
        f.get("roleArn"), f.get("region"), labels(what, body.path("labels")));
  }

  /** Labels as Kubernetes allows them on an object: an ApplicationSet's clusters generator selects on them. */
  private static Map<String, String> labels(String what, JsonNode labels) {
    Map<String, String> out = new HashMap<>();
    if (labels.isMissingNode() || labels.isNull()) return out;
    if (!labels.isObject()) throw ApiException.badRequest(what + ": labels must be an object of strings");
    labels.fields().forEachRemaining(e -> {
      String v = e.getValue().isValueNode() ? e.getValue().asText() : null;
      if (!LABEL_KEY.matcher(e.getKey()).matches() || v == null || !LABEL_VALUE.matcher(v).matches()) {
        throw ApiException.badRequest(what + ": labels." + e.getKey() + " is not a Kubernetes label (key: an"
            + " optional DNS prefix and '/', then at most 63 of letters, digits, '-', '_', '.'; value: the same, or"
            + " empty)");
      }
      out.put(e.getKey(), v);
    });
    return out;
  }

  private static void checkBase64(String what, String caData) {
    try {
      Base64.getDecoder().decode(caData.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(what + ": caData must be base64 (of the PEM CA bundle)");
    }
  }
}
