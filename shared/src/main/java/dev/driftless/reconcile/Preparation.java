package dev.driftless.reconcile;

import dev.driftless.apply.Cluster;
import dev.driftless.apply.Plan;
import dev.driftless.apply.Planner;
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

  /** The commit prepared, the destination, the plan, and the secret values to mask in all that is recorded. */
  record Prepared(Revision revision, Cluster cluster, Plan plan, Redaction redaction) {}

  private final Reconciler.Parts parts;
  private final ReconcilerOptions options;

  Preparation(Reconciler.Parts parts, ReconcilerOptions options) {
    this.parts = parts;
    this.options = options;
  }

  /** Fails with the resolved values masked in its message when the plan fails. */
  Prepared prepare(Application app, Checkout checkout, Inventory previous) {
    Cluster cluster = cluster(app);
    SecretResolver.Resolution resolved = parts.secrets().resolveAll(parts.renderer().render(checkout.root(), app,
        options.render().withKubeVersion(kubeVersion(cluster))));
    try {
      Plan plan = new Planner(cluster, options.apply(), resolved.masker()).plan(app, resolved.objects(), previous);
      return new Prepared(checkout.revision(), cluster, plan, resolved.masker());
    } catch (RuntimeException e) {
      throw ErrorText.redacted(e, resolved.masker());
    }
  }

  private Cluster cluster(Application app) {
    ClusterRegistration reg = parts.clusters().get(app.destination().cluster())
        .orElseThrow(() -> new DriftlessException("application " + app.name() + ": destination cluster "
            + app.destination().cluster() + " is not registered"));
    return parts.clients().get(reg);
  }

  /** The destination's version (helm's Capabilities.KubeVersion), e.g. {@code v1.34.4}. */
  private static String kubeVersion(Cluster cluster) {
    return cluster.client().getKubernetesVersion().getGitVersion();
  }
}
