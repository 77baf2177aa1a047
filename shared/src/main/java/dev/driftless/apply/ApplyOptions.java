package dev.driftless.apply;

/**
 * How the engine talks to a cluster: the field manager it applies as, how many requests run at once within a
 * stage, and whether the unchanged fast path is used. How long it waits is the caller's deadline, not an option.
 */
public record ApplyOptions(String fieldManager, int parallelism, boolean fastPath) {

  public static final ApplyOptions DEFAULTS = new ApplyOptions("driftless", 8, true);

  public ApplyOptions {
    fieldManager = fieldManager == null ? "driftless" : fieldManager;
    parallelism = parallelism <= 0 ? 8 : parallelism;
  }

  public ApplyOptions withFastPath(boolean on) {
    return new ApplyOptions(fieldManager, parallelism, on);
  }
}
