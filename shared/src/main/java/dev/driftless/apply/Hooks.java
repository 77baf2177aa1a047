package dev.driftless.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads hook annotations: Argo CD's {@code argocd.argoproj.io/hook} or {@code driftless.dev/hook}. */
public final class Hooks {

  private Hooks() {}

  public enum Phase { PRE_SYNC, SYNC, POST_SYNC, SYNC_FAIL, SKIP }

  public enum DeletePolicy { BEFORE_HOOK_CREATION, HOOK_SUCCEEDED, HOOK_FAILED }

  public static boolean isHook(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    return ann != null && (ann.containsKey(Annotations.HOOK) || ann.containsKey(Annotations.ARGO_HOOK));
  }

  /** The phases the hook runs in (an annotation may list several, comma separated). */
  public static List<Phase> phases(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    String v = ann.getOrDefault(Annotations.HOOK, ann.get(Annotations.ARGO_HOOK));
    List<Phase> out = new ArrayList<>();
    for (String p : v.split(",")) {
      switch (p.strip().toLowerCase(Locale.ROOT)) {
        case "presync" -> out.add(Phase.PRE_SYNC);
        case "sync" -> out.add(Phase.SYNC);
        case "postsync" -> out.add(Phase.POST_SYNC);
        case "syncfail" -> out.add(Phase.SYNC_FAIL);
        case "skip" -> out.add(Phase.SKIP);
        default -> throw new PlanException(obj.getKind() + " " + obj.getMetadata().getName()
            + ": unknown hook phase " + p.strip() + " (PreSync, Sync, PostSync, SyncFail or Skip)");
      }
    }
    return out;
  }

  /** The delete policies; BeforeHookCreation when none is given, as Argo CD does. */
  public static List<DeletePolicy> deletePolicies(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    String v = ann.getOrDefault(Annotations.HOOK_DELETE_POLICY, ann.get(Annotations.ARGO_HOOK_DELETE_POLICY));
    if (v == null || v.isBlank()) return List.of(DeletePolicy.BEFORE_HOOK_CREATION);
    List<DeletePolicy> out = new ArrayList<>();
    for (String p : v.split(",")) {
      switch (p.strip().toLowerCase(Locale.ROOT)) {
        case "beforehookcreation" -> out.add(DeletePolicy.BEFORE_HOOK_CREATION);
        case "hooksucceeded" -> out.add(DeletePolicy.HOOK_SUCCEEDED);
        case "hookfailed" -> out.add(DeletePolicy.HOOK_FAILED);
        default -> throw new PlanException(obj.getKind() + " " + obj.getMetadata().getName()
            + ": unknown hook delete policy " + p.strip());
      }
    }
    return out;
  }
}
