package dev.driftless.functions;

import java.time.Duration;
import java.util.Map;

/**
 * How the scheduled scan cuts and spreads its work: at most {@code page} Applications of one cluster per message,
 * and each cluster's messages delayed by a stable offset within the first third of the scan interval, so that no
 * moment sees every cluster at once and the scan still ends within a third of the interval (as Argo CD's
 * reconciliation of a fleet is asked to); SQS delays a message by at most 15 minutes, which caps that window.
 *
 * @param page Applications per cluster-scan message ({@code DRIFTLESS_SCAN_PAGE}, default 200)
 * @param interval how often the scan runs ({@code DRIFTLESS_SCAN_MINUTES}, which the CDK app and the SAM template
 *     set from the schedule's rate, or {@code DRIFTLESS_SCAN_SECONDS}, which the local runner sets; default 180 s:
 *     Argo CD's cadence); zero sends every message at once
 */
public record ScanOptions(int page, Duration interval) {

  public static final String PAGE = "DRIFTLESS_SCAN_PAGE";
  public static final String INTERVAL = "DRIFTLESS_SCAN_SECONDS";
  public static final String INTERVAL_MINUTES = "DRIFTLESS_SCAN_MINUTES";
  static final Duration MAX_DELAY = Duration.ofMinutes(15);

  public ScanOptions {
    if (page < 1 || page > ClusterScanMessage.MAX_APPLICATIONS) {
      throw new IllegalArgumentException(PAGE + " " + page + ": must be from 1 to " + ClusterScanMessage.MAX_APPLICATIONS);
    }
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException(INTERVAL + " " + interval + ": must be zero or more seconds");
    }
  }

  public static ScanOptions defaults() {
    return new ScanOptions(200, Duration.ofSeconds(180));
  }

  public static ScanOptions fromEnvironment(Map<String, String> env) {
    Duration interval = env.containsKey(INTERVAL_MINUTES)
        ? Duration.ofMinutes(number(env, INTERVAL_MINUTES, 3)) : Duration.ofSeconds(number(env, INTERVAL, 180));
    return new ScanOptions(number(env, PAGE, 200), interval);
  }

  /**
   * The cluster's delay: a stable point within the first third of the interval (at most 15 minutes) chosen by its
   * name, so its scans come at the same point of every interval and clusters spread evenly over that window.
   */
  public Duration offset(String cluster) {
    long window = Math.min(interval.toSeconds() / 3, MAX_DELAY.toSeconds());
    if (window <= 0) return Duration.ZERO;
    return Duration.ofSeconds(Math.floorMod(cluster.hashCode() * 0x9E3779B9L, window));
  }

  private static int number(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return dflt;
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " " + v + ": not a whole number");
    }
  }
}
