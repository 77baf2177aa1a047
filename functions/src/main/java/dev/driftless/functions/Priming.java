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
 * and, in the engine's functions, a manifest, digesting it) so their classes are loaded and initialised in the
 * snapshot. It touches no network, holds no credentials and opens nothing that would not survive a restore.
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

  private final Runnable hotPath;

  private Priming(Runnable hotPath) {
    this.hotPath = hotPath;
  }

  /** The engine's functions (sync, API): registers priming with the CRaC context (a no-op outside SnapStart). */
  public static Priming register() {
    return register(Priming::prime);
  }

  /**
   * The webhook and the drift scan, whose jars carry no Kubernetes client: primes the Application and the
   * queue message only.
   */
  public static Priming registerWithoutKubernetes() {
    return register(Priming::primeMessages);
  }

  private static Priming register(Runnable hotPath) {
    Priming p = new Priming(hotPath);
    Core.getGlobalContext().register(p);
    return p;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    hotPath.run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to undo: priming kept no state.
  }

  /** The engine's offline hot path, once. */
  static void prime() {
    primeMessages();
    GenericKubernetesResource r = Serialization.unmarshal(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p\"},\"data\":{\"a\":\"b\"}}",
        GenericKubernetesResource.class);
    DesiredObject.of(r, "priming");
  }

  /** The offline hot path without Kubernetes objects, once. */
  static void primeMessages() {
    new ApplicationParser().parse(APP, "priming");
    SyncMessage.parse(new SyncMessage("priming", Trigger.PUSH, "0", null).toJson(), "priming");
  }
}
