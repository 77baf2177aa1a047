package dev.driftless.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Pod's health follows its phase. A long-running pod (restartPolicy Always) is Degraded as soon as a
 * container waits for a failing reason (CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
 * CreateContainerConfigError, ...), and Healthy only when Ready. A pod meant to finish (OnFailure, Never) is
 * Progressing while it runs and Healthy once it Succeeded, so a hook pod is not failed early on a transient
 * image pull error. Argo CD's {@code argocd.argoproj.io/ignore-restart-policy} annotation makes a finite pod
 * judged like a long-running one.
 */
final class PodHealth {

  static final String IGNORE_RESTART_POLICY = "argocd.argoproj.io/ignore-restart-policy";

  private PodHealth() {}

  static Health assess(LiveObject p) {
    String restartPolicy = p.text("spec", "restartPolicy") == null ? "Always" : p.text("spec", "restartPolicy");
    boolean longRunning = "Always".equals(restartPolicy);
    String podMessage = p.textOrEmpty("status", "message");
    if (longRunning) {
      List<String> failing = failingWaits(p);
      if (!failing.isEmpty()) {
        return Health.degraded(String.join(", ", failing));
      }
    }
    String phase = p.textOrEmpty("status", "phase");
    switch (phase) {
      case "Pending":
        return Health.progressing(podMessage.isEmpty() ? pendingReason(p) : podMessage);
      case "Succeeded":
        return Health.healthy(podMessage.isEmpty() ? "Pod completed" : podMessage);
      case "Failed":
        return Health.degraded(podMessage.isEmpty() ? failure(p) : podMessage);
      case "Running":
        if (longRunning || p.annotation(IGNORE_RESTART_POLICY) != null) {
          return running(p, podMessage);
        }
        return Health.progressing(podMessage.isEmpty() ? "Pod is running to completion" : podMessage);
      default:
        return Health.unknown(podMessage.isEmpty() ? "Pod phase is " + (phase.isEmpty() ? "not set" : phase)
            : podMessage);
    }
  }

  private static Health running(LiveObject p, String podMessage) {
    var ready = p.condition("Ready");
    if (ready.isPresent() && ready.get().isTrue()) {
      return Health.healthy(podMessage.isEmpty() ? "Pod is running and ready" : podMessage);
    }
    for (Map<?, ?> status : p.maps("status", "containerStatuses")) {
      if (path(status, "lastState", "terminated") != null) {
        return Health.degraded(podMessage.isEmpty()
            ? "container " + status.get("name") + " terminated and the pod is not ready" : podMessage);
      }
    }
    return Health.progressing(podMessage.isEmpty() ? "Pod is running but not ready" : podMessage);
  }

  /** Messages of containers (init containers included) waiting for a reason that waiting will not fix. */
  private static List<String> failingWaits(LiveObject p) {
    List<String> out = new ArrayList<>();
    List<Map<?, ?>> statuses = new ArrayList<>(p.maps("status", "initContainerStatuses"));
    statuses.addAll(p.maps("status", "containerStatuses"));
    for (Map<?, ?> status : statuses) {
      Object waiting = path(status, "state", "waiting");
      if (waiting instanceof Map<?, ?> w && w.get("reason") instanceof String reason && isFailing(reason)) {
        Object message = w.get("message");
        out.add("container " + status.get("name") + ": " + reason
            + (message == null || String.valueOf(message).isEmpty() ? "" : ": " + message));
      }
    }
    return out;
  }

  /** Kubelet's failing wait reasons: ErrImagePull, CrashLoopBackOff, ImagePullBackOff, CreateContainerError. */
  static boolean isFailing(String reason) {
    return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
  }

  private static String pendingReason(LiveObject p) {
    var scheduled = p.condition("PodScheduled");
    if (scheduled.isPresent() && scheduled.get().isFalse()) {
      return "Pod is not scheduled: " + scheduled.get().explanation();
    }
    return "Pod is pending";
  }

  private static String failure(LiveObject p) {
    List<Map<?, ?>> statuses = new ArrayList<>(p.maps("status", "initContainerStatuses"));
    statuses.addAll(p.maps("status", "containerStatuses"));
    for (Map<?, ?> status : statuses) {
      if (path(status, "state", "terminated") instanceof Map<?, ?> t) {
        if (t.get("message") instanceof String m && !m.isEmpty()) {
          return m;
        }
        if ("OOMKilled".equals(t.get("reason"))) {
          return "container " + status.get("name") + " was OOMKilled";
        }
        if (t.get("exitCode") instanceof Number code && code.intValue() != 0) {
          return "container " + status.get("name") + " failed with exit code " + code;
        }
      }
    }
    return "Pod failed";
  }

  private static Object path(Map<?, ?> map, String... steps) {
    Object current = map;
    for (String step : steps) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(step);
    }
    return current;
  }
}
