package dev.driftless.apply;

import dev.driftless.health.HealthStatus;
import dev.driftless.health.HealthWaiter;
import dev.driftless.health.ObjectRef;
import dev.driftless.model.ObjectKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.List;

/**
 * Deletes one object, and, when its name is to be used again at once (Replace, a hook created anew), waits
 * through the health waiter until it is gone, never past the caller's deadline.
 */
final class Deletion {

  private final Cluster cluster;
  private final HealthWaiter waiter;

  Deletion(Cluster cluster, HealthWaiter waiter) {
    this.cluster = cluster;
    this.waiter = waiter;
  }

  void delete(ResourceDefinitionContext ctx, ObjectKey key, DeletionPropagation propagation) {
    cluster.ops(ctx, key.namespace()).withName(key.name()).withPropagationPolicy(propagation).delete();
  }

  /** Deletes the object with its dependents first; false when it still exists at the deadline. */
  boolean deleteAndAwaitGone(ResourceDefinitionContext ctx, String apiVersion, ObjectKey key, Instant deadline) {
    delete(ctx, key, DeletionPropagation.FOREGROUND);
    return waiter.await(List.of(new ObjectRef(apiVersion, key)), HealthWaiter.Until.GONE, deadline)
        .aggregate() == HealthStatus.MISSING;
  }
}
