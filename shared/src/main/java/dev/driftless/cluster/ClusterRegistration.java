package dev.driftless.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A registered cluster: its name, API server URL, CA data (base64 PEM) and how Driftless authenticates. No
 * credential is ever part of a registration: {@code token} and {@code kubeconfig} name a Secrets Manager id,
 * {@code eks} makes short-lived tokens from the function's own AWS identity (optionally after assuming a
 * role). Labels, as a Kubernetes object's, are what an ApplicationSet's clusters generator selects on.
 */
public record ClusterRegistration(
    String name,
    String server,
    String caData,
    Auth auth,
    String secretId,
    String eksClusterName,
    String roleArn,
    String region,
    Map<String, String> labels) {

  public enum Auth { EKS, TOKEN, KUBECONFIG }

  /** A registration without labels. */
  public ClusterRegistration(String name, String server, String caData, Auth auth, String secretId,
      String eksClusterName, String roleArn, String region) {
    this(name, server, caData, auth, secretId, eksClusterName, roleArn, region, Map.of());
  }

  public ClusterRegistration {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(auth, "auth");
    if ((auth == Auth.TOKEN || auth == Auth.KUBECONFIG) && (secretId == null || secretId.isBlank())) {
      throw new IllegalArgumentException("cluster " + name + ": auth " + auth.name().toLowerCase(Locale.ROOT)
          + " needs secretId (a Secrets Manager id)");
    }
    if (auth == Auth.EKS && (eksClusterName == null || eksClusterName.isBlank())) {
      throw new IllegalArgumentException("cluster " + name + ": auth eks needs eksClusterName");
    }
    if (auth != Auth.KUBECONFIG && (server == null || server.isBlank())) {
      throw new IllegalArgumentException("cluster " + name + ": server is required");
    }
  }

  public static ClusterRegistration token(String name, String server, String caData, String secretId) {
    return new ClusterRegistration(name, server, caData, Auth.TOKEN, secretId, null, null, null);
  }

  public static ClusterRegistration kubeconfig(String name, String secretId) {
    return new ClusterRegistration(name, null, null, Auth.KUBECONFIG, secretId, null, null, null);
  }
}
