package dev.driftless.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The simulated nodes heartbeat the way that keeps them Ready on a busy machine: kwok renews a small Lease
 * per node every 10 s (scripts/cluster), rather than rewriting the Node status every 20 to 25 s, which a
 * loaded machine delayed past the controller manager's grace period.
 */
@LocalKubernetes
class SimulatedNodesIT {

  private static final String NODE_LEASES = "kube-node-lease";

  @Test
  void everySimulatedNodeIsReadyAndHeartbeatsThroughALeaseThatKwokRenews(LocalClusters clusters) {
    for (String cluster : clusters.names()) {
      KubernetesClient client = clusters.client(cluster);
      List<Node> nodes = client.nodes().list().getItems();
      assertThat(nodes).as("nodes of cluster %s", cluster).isNotEmpty();
      for (Node node : nodes) {
        String name = node.getMetadata().getName();
        assertThat(node.getStatus().getConditions()).as("conditions of node %s/%s", cluster, name)
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));

        Resource<Lease> lease = client.resources(Lease.class).inNamespace(NODE_LEASES).withName(name);
        Lease first = lease.get();
        assertThat(first).as("lease of node %s/%s in %s", cluster, name, NODE_LEASES).isNotNull();
        assertThat(first.getSpec().getLeaseDurationSeconds()).as("lease duration of node %s/%s", cluster, name)
            .isEqualTo(40);
        ZonedDateTime renewed = first.getSpec().getRenewTime();
        // Renewed every quarter of the duration: a bound of several renewals, never a measured interval.
        Lease next = lease.waitUntilCondition(
            l -> l != null && l.getSpec().getRenewTime() != null && l.getSpec().getRenewTime().isAfter(renewed),
            60, TimeUnit.SECONDS);
        assertThat(next.getSpec().getHolderIdentity()).as("holder of node %s/%s's lease", cluster, name)
            .isEqualTo(first.getSpec().getHolderIdentity());
      }
    }
  }
}
