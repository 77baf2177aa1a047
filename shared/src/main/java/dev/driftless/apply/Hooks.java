package dev.driftless.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads hook annotations: Argo CD's {@code argocd.argoproj.io/hook} or {@code driftless.dev/hook}, and Helm's
 * {@code helm.sh/hook} mapped as Argo CD maps it: pre-install and pre-upgrade run as PreSync, post-install and
 * post-upgrade as PostSync, and every other Helm hook ({@code test}, {@code pre-delete}, {@code pre-rollback}, ...)
 * in no phase at all: never applied, tracked or pruned. An Argo CD hook annotation, when present, wins over Helm's.
 * PreDelete hooks (Argo CD 3.x) run only when the Application is deleted with its objects, before any goes.
 */
public final class Hooks {

  private Hooks() {}

  public enum Phase { PRE_SYNC, SYNC, POST_SYNC, SYNC_FAIL, PRE_DELETE, SKIP }

  public enum DeletePolicy { BEFORE_HOOK_CREATION, HOOK_SUCCEEDED, HOOK_FAILED }

  public static boolean isHook(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    return ann != null && (ann.containsKey(Annotations.HOOK) || ann.containsKey(Annotations.ARGO_HOOK)
        || ann.containsKey(Annotations.HELM_HOOK));
  }

  /** A hook that runs in no phase (Skip, or a Helm hook Argo CD has no phase for): nothing is done with it. */
  public static boolean runsNever(HasMetadata obj) {
    return phases(obj).stream().allMatch(p -> p == Phase.SKIP);
  }

  /**
   * A hook named by {@code metadata.generateName} alone: each operation gives it a name of its own
   * ({@link HookTarget}).
   */
  public static boolean generatesName(HasMetadata obj) {
    String name = obj.getMetadata().getName();
    String generate = obj.getMetadata().getGenerateName();
    return (name == null || name.isBlank()) && generate != null && !generate.isBlank();
  }

  /** The phases the hook runs in (an annotation may list several, comma separated); each phase once. */
  public static List<Phase> phases(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    String own = ann.getOrDefault(Annotations.HOOK, ann.get(Annotations.ARGO_HOOK));
    List<Phase> out = new ArrayList<>();
    if (own == null) {
      for (String p : ann.get(Annotations.HELM_HOOK).split(",")) {
        Phase phase = switch (p.strip().toLowerCase(Locale.ROOT)) {
          case "pre-install", "pre-upgrade" -> Phase.PRE_SYNC;
          case "post-install", "post-upgrade" -> Phase.POST_SYNC;
          default -> null;
        };
        if (phase != null && !out.contains(phase)) out.add(phase);
      }
      return out;
    }
    for (String p : own.split(",")) {
      Phase phase = switch (p.strip().toLowerCase(Locale.ROOT)) {
        case "presync" -> Phase.PRE_SYNC;
        case "sync" -> Phase.SYNC;
        case "postsync" -> Phase.POST_SYNC;
        case "syncfail" -> Phase.SYNC_FAIL;
        case "predelete" -> Phase.PRE_DELETE;
        case "skip" -> Phase.SKIP;
        default -> throw new PlanException(obj.getKind() + " " + name(obj)
            + ": unknown hook phase " + p.strip() + " (PreSync, Sync, PostSync, SyncFail, PreDelete or Skip)");
      };
      if (!out.contains(phase)) out.add(phase);
    }
    return out;
  }

  /**
   * The delete policies, from Argo CD's annotation or else Helm's ({@code before-hook-creation},
   * {@code hook-succeeded}, {@code hook-failed}); BeforeHookCreation when none is given, as both tools do.
   */
  public static List<DeletePolicy> deletePolicies(HasMetadata obj) {
    Map<String, String> ann = obj.getMetadata().getAnnotations();
    String v = ann.getOrDefault(Annotations.HOOK_DELETE_POLICY, ann.get(Annotations.ARGO_HOOK_DELETE_POLICY));
    boolean helm = v == null;
    if (helm) v = ann.get(Annotations.HELM_HOOK_DELETE_POLICY);
    if (v == null || v.isBlank()) return List.of(DeletePolicy.BEFORE_HOOK_CREATION);
    List<DeletePolicy> out = new ArrayList<>();
    for (String p : v.split(",")) {
      String word = p.strip().toLowerCase(Locale.ROOT);
      out.add(switch (helm ? word.replace("-", "") : word) {
        case "beforehookcreation" -> DeletePolicy.BEFORE_HOOK_CREATION;
        case "hooksucceeded" -> DeletePolicy.HOOK_SUCCEEDED;
        case "hookfailed" -> DeletePolicy.HOOK_FAILED;
        default -> throw new PlanException(obj.getKind() + " " + name(obj) + ": unknown hook delete policy "
            + p.strip() + " in " + (helm ? Annotations.HELM_HOOK_DELETE_POLICY : "its hook-delete-policy"));
      });
    }
    return out;
  }

  private static String name(HasMetadata obj) {
    return generatesName(obj) ? obj.getMetadata().getGenerateName() + "*" : obj.getMetadata().getName();
  }
}
