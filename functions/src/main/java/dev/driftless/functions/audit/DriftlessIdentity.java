package dev.driftless.functions.audit;

import dev.driftless.cluster.ClusterRegistration;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Driftless's own user name on each cluster, as the API server authenticates its credentials: asked once per
 * container and registration with a SelfSubjectReview ({@code authentication.k8s.io/v1}, answered by every
 * API server since Kubernetes 1.28 to any authenticated user), then kept until the registration changes.
 */
final class DriftlessIdentity {

  private record Known(ClusterRegistration registration, String username) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /** Driftless's user name on the cluster {@code client} reaches with {@code registration}'s credentials. */
  String username(ClusterRegistration registration, KubernetesClient client) {
    Known k = known.get(registration.name());
    if (k != null && k.registration().equals(registration)) return k.username();
    SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
    String username = review.getStatus() == null || review.getStatus().getUserInfo() == null ? null
        : review.getStatus().getUserInfo().getUsername();
    if (username == null || username.isEmpty()) {
      throw new AuditException("cluster " + registration.name() + ": the SelfSubjectReview named no user");
    }
    known.put(registration.name(), new Known(registration, username));
    return username;
  }
}
