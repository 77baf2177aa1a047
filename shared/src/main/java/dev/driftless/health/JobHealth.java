package dev.driftless.health;

/**
 * A Job is Healthy once Complete, Degraded once Failed (or once the controller set FailureTarget, which
 * always ends in Failed), Suspended while suspended, and Progressing while it runs.
 */
final class JobHealth {

  private JobHealth() {}

  static Health assess(LiveObject j) {
    Condition complete = null;
    Condition failed = null;
    Condition suspended = null;
    for (Condition c : j.conditions()) {
      if (!c.isTrue()) {
        continue;
      }
      switch (c.type()) {
        case "Failed", "FailureTarget" -> failed = failed == null || "Failed".equals(c.type()) ? c : failed;
        case "Complete" -> complete = c;
        case "Suspended" -> suspended = c;
        default -> { }
      }
    }
    if (failed != null) {
      return Health.degraded("Job failed: " + failed.explanation());
    }
    if (complete != null) {
      return Health.healthy(complete.message().isEmpty() ? "Job completed" : complete.message());
    }
    if (suspended != null || j.flag("spec", "suspend")) {
      return Health.suspended(suspended == null || suspended.message().isEmpty() ? "Job is suspended"
          : suspended.message());
    }
    return Health.progressing("Job is running: " + j.count("status", "active") + " active, "
        + j.count("status", "succeeded") + " succeeded, " + j.count("status", "failed") + " failed pods");
  }
}
