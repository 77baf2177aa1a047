package dev.driftless.apply;

/** The annotations the engine reads and writes; Argo CD's are honoured beside Driftless's own. */
public final class Annotations {

  private Annotations() {}

  public static final String TRACKING_ID = "driftless.dev/tracking-id";
  public static final String SYNC_WAVE = "driftless.dev/sync-wave";
  public static final String ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  public static final String SYNC_OPTIONS = "driftless.dev/sync-options";
  public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String HOOK = "driftless.dev/hook";
  public static final String ARGO_HOOK = "argocd.argoproj.io/hook";
  public static final String HOOK_DELETE_POLICY = "driftless.dev/hook-delete-policy";
  public static final String ARGO_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
  public static final String COMPARE_OPTIONS = "driftless.dev/compare-options";
  public static final String ARGO_COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";
  /** {@code keep}: Helm leaves the object when the release goes; read as Delete=false, as Argo CD reads it. */
  public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";
  public static final String HELM_HOOK = "helm.sh/hook";
  public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
  public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
  /** On a hook created from {@code metadata.generateName}: that prefix, to find the earlier hooks made from it. */
  public static final String HOOK_GENERATE_NAME = "driftless.dev/hook-generate-name";
}
