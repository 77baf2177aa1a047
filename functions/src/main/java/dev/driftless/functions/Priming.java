package dev.driftless.functions;

import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import dev.driftless.state.Trigger;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Cold start as a feature: with SnapStart, Lambda snapshots the initialised function. Before the snapshot
 * this resource runs the pure, offline parts of the hot path once (parsing an Application, a queue message
 * and a manifest, digesting it) so their classes are loaded and initialised in the snapshot. It touches no
 * network, holds no credentials and opens nothing that would not survive a restore.
 */
public final class Priming implements Resource {

  private static final String APP = """
      apiVersion: driftless.dev/v1alpha1
      kind: Application
      metadata: {name: priming}
      spec:
        source: {repoURL: https://example.invalid/repo.git, targetRevision: main, path: apps}
        destination: {cluster: priming, namespace: priming}
        syncPolicy: {automated: {prune: true, selfHeal: true}}
      """;

  /** Registers priming with the CRaC context (a no-op outside SnapStart or a CRaC JVM). */
  public static Priming register() {
    Priming p = new Priming();
    Core.getGlobalContext().register(p);
    return p;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to undo: priming kept no state.
  }

  /** The offline hot path, once. */
  static void prime() {
    new ApplicationParser().parse(APP, "priming");
    SyncMessage.parse(new SyncMessage("priming", Trigger.PUSH, "0", null).toJson(), "priming");
    GenericKubernetesResource r = Serialization.unmarshal(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p\"},\"data\":{\"a\":\"b\"}}",
        GenericKubernetesResource.class);
    DesiredObject.of(r, "priming");
  }
}
