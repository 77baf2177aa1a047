package dev.driftless.infra;

/** The pinned tool versions in the layer; scripts/tools-layer and scripts/testenv pin the same. */
public final class ToolVersions {

  private ToolVersions() {}

  public static final String KUSTOMIZE = "v5.7.1";
  public static final String HELM = "v3.19.0";

  /** Directory name scripts/tools-layer writes under ~/.cache/driftless. */
  public static String layerDirectoryName() {
    return "tools-layer-kustomize-" + KUSTOMIZE + "-helm-" + HELM;
  }
}
