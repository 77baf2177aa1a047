package dev.driftless.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by the local control plane's processes, read from {@code /proc/PID/stat} for the pids that
 * {@code scripts/cluster} records in its directory ({@code pids}: "pid name" per line). On a machine of two
 * cores the contenders share the CPU with the API server, etcd and the controllers, so where a step's time
 * goes is as telling as the step's wall time.
 */
final class ClusterCpu {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Path pidsFile;

  ClusterCpu(Path pidsFile) {
    this.pidsFile = pidsFile;
  }

  /** CPU seconds so far per process group: "server" (kube-apiserver and etcd) and "controllers" (the rest). */
  Map<String, Double> snapshot() {
    Map<String, Double> out = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.exists(pidsFile) ? Files.readAllLines(pidsFile) : List.of();
    } catch (IOException e) {
      return out;
    }
    for (String line : lines) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length < 2) continue;
      double secs = seconds(parts[0]);
      if (secs < 0) continue;
      String group = parts[1].endsWith("apiserver") || parts[1].equals("etcd") ? "server" : "controllers";
      out.merge(group, secs, Double::sum);
    }
    return out;
  }

  /** The difference between two snapshots, per group. */
  static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
    return out;
  }

  private static double seconds(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
