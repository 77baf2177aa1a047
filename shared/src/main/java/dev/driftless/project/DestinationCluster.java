package dev.driftless.project;

import dev.driftless.cluster.ClusterRegistration;

/**
 * The cluster an Application deploys to, as a project's destinations and sync windows match it: its registered
 * name and its API server URL (null when unknown, as for a kubeconfig registration before its kubeconfig is read).
 */
public record DestinationCluster(String name, String server) {

  public static DestinationCluster of(ClusterRegistration registration) {
    return new DestinationCluster(registration.name(), registration.server());
  }

  /** A destination known by name only (the cluster is not registered, or its server is not known). */
  public static DestinationCluster named(String name) {
    return new DestinationCluster(name, null);
  }
}
