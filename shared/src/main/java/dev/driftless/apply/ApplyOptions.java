package dev.driftless.apply;

import java.time.Duration;

/**
 * How the engine talks to a cluster: the field manager it applies as, how many requests run at once within a
 * stage, whether the unchanged fast path is used, and how long to wait for CRDs to be Established.
 */
public record ApplyOptions(String fieldManager, int parallelism, boolean fastPath, Duration crdEstablishTimeout) {

  public static final ApplyOptions DEFAULTS = new ApplyOptions("driftless", 8, true, Duration.ofSeconds(60));

  public ApplyOptions {
    fieldManager = fieldManager == null ? "driftless" : fieldManager;
    parallelism = parallelism <= 0 ? 8 : parallelism;
    crdEstablishTimeout = crdEstablishTimeout == null ? Duration.ofSeconds(60) : crdEstablishTimeout;
  }

  public ApplyOptions withFastPath(boolean on) {
    return new ApplyOptions(fieldManager, parallelism, on, crdEstablishTimeout);
  }
}
