package dev.driftless.reconcile;

import dev.driftless.apply.Cluster;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
import dev.driftless.cluster.ClusterClients;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.Application;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.Redaction;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.source.Checkout;
import dev.driftless.source.Revision;

/**
 * What a sync, a scan and a diff share once the source is fetched: render (for the destination's Kubernetes
 * version, so a chart reading {@code Capabilities.KubeVersion} plans what a sync applies), resolve secret
 * references, plan against the live objects.
 */
final class Preparation {

  /**
   * The commit prepared, the destination's client (held until closed), the plan, and the secret values to mask
   * in all that is recorded.
   */
  record Prepared(Revision revision, ClusterClients.Use use, Plan plan, Redaction redaction) implements AutoCloseable {
    Cluster cluster() {
      return use.cluster();
    }

    @Override
    public void close() {
      use.close();
    }
  }

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;

  Preparation(Reconciler.Parts parts, ReconcilerOptions options) {
    this.parts = parts;
    this.options = options;
  }

  /** Fails with the resolved values masked in its message when the plan fails. */
  Prepared prepare(Application app, Checkout checkout, Inventory previous) {
    ClusterClients.Use use = parts.clients().use(registration(app));
    try {
      Cluster cluster = use.cluster();
      SecretResolver.Resolution resolved = parts.secrets().resolveAll(parts.renderer().render(checkout.root(), app,
          options.render().withKubeVersion(kubeVersion(cluster))));
      try {
        Plan plan = new Planner(cluster, options.apply(), resolved.masker()).plan(app, resolved.objects(), previous);
        return new Prepared(checkout.revision(), use, plan, resolved.masker());
      } catch (RuntimeException e) {
        throw ErrorText.redacted(e, resolved.masker());
      }
    } catch (RuntimeException e) {
      use.close();
      throw e;
    }
  }

  private ClusterRegistration registration(Application app) {
    return parts.clusters().get(app.destination().cluster())
        .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
            + app.destination().cluster() + " is not registered"));
  }

  /** The destination's version (helm's Capabilities.KubeVersion), e.g. {@code v1.34.4}. */
  private static String kubeVersion(Cluster cluster) {
    return cluster.client().getKubernetesVersion().getGitVersion();
  }
}
