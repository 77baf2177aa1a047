package dev.driftless.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prints a measured fleet scan as Markdown: each figure in total and per Application, beside the per-Application
 * figures issue 14 measured for the scan before it worked per cluster, and the goal.
 */
final class ScanReport {

  /** What one scan cost. */
  record Figures(long wallNanos, long cpuNanos, List<ScanBenchmark.Handled> handled, Map<String, Long> kubernetes,
      TableMeter.Totals table, long sqsMessages, long sqsSendRequests, long kustomizeRuns, long helmRuns) {}

  private final int apps;
  private final int objects;
  private final int clusters;
  private final int namespaces;

  ScanReport(int apps, int objects, int clusters, int namespaces) {
    this.apps = apps;
    this.objects = objects;
    this.clusters = clusters;
    this.namespaces = namespaces;
  }

  void print(Figures f) {
    long driftless = f.kubernetes().entrySet().stream().filter(e -> !ApiServerRequests.background(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    long lists = f.kubernetes().entrySet().stream().filter(e -> !ApiServerRequests.background(e.getKey())
        && e.getKey().startsWith("LIST ")).mapToLong(Map.Entry::getValue).sum();
    long reconciles = f.handled().stream().filter(h -> h.cluster() == null).count();
    System.out.printf(Locale.ROOT, "## Fleet scan: %,d in-sync Applications of %d ConfigMaps on %d clusters, nothing"
        + " changed (scripts/bench scan)%n%n", apps, objects, clusters);
    System.out.println("| figure | scan | per Application | before (issue 14, per Application) | goal |");
    System.out.println("|---|---:|---:|---:|---|");
    row("wall time (s)", seconds(f.wallNanos()), 3, "0.127", "-");
    row("client CPU (s)", seconds(f.cpuNanos()), 4, "about 0.070", "under 0.002");
    row("Kubernetes requests (Driftless's)", driftless, 3, "7", "-");
    row("  of which LIST", lists, 3, "3", "at most one per kind and namespace per cluster (" + clusters * namespaces
        + " here)");
    row("DynamoDB read units (on-demand, by item size)", f.table().readUnits(), 4, "3 reads", "under 0.5");
    row("DynamoDB write units (on-demand, by item size)", f.table().writeUnits(), 4, "3 writes", "under 0.01");
    row("DynamoDB read units as the emulator (moto) reports them", f.table().reportedReadUnits(), 4, "-", "-");
    row("DynamoDB write units as the emulator (moto) reports them", f.table().reportedWriteUnits(), 4, "-", "-");
    row("DynamoDB read requests", f.table().reads(), 4, "3", "-");
    row("DynamoDB write requests", f.table().writes(), 4, "3", "-");
    row("bytes written to the table (request payloads)", f.table().bytesWritten(), 2, "-", "-");
    row("SQS messages sent", f.sqsMessages(), 4, "1", "-");
    row("SQS send requests", f.sqsSendRequests(), 4, "1", "-");
    row("kustomize processes", f.kustomizeRuns(), 3, "1 (kustomize Applications)", "none");
    row("helm processes", f.helmRuns(), 3, "-", "none");
    row("full reconciles queued", reconciles, 3, "1 (every Application)", "none when nothing changed");
    System.out.println();
    System.out.println("Invocations (handled one after another; full reconciles: " + reconciles + "):");
    System.out.println();
    System.out.println("| invocation | Applications | wall (s) | client CPU (s) |");
    System.out.println("|---|---:|---:|---:|");
    for (ScanBenchmark.Handled h : f.handled()) {
      if (ScanBenchmark.SCHEDULED.equals(h.cluster())) {
        System.out.printf(Locale.ROOT, "| drift-scan function (DriftScanHandler) | %,d | %.3f | %.3f |%n", apps,
            seconds(h.wallNanos()), seconds(h.cpuNanos()));
      }
    }
    Map<String, long[]> byCluster = new TreeMap<>();
    for (ScanBenchmark.Handled h : f.handled()) {
      if (h.cluster() == null || ScanBenchmark.SCHEDULED.equals(h.cluster())) continue;
      long[] sum = byCluster.computeIfAbsent(h.cluster(), k -> new long[3]);
      sum[0]++;
      sum[1] += h.wallNanos();
      sum[2] += h.cpuNanos();
    }
    byCluster.forEach((c, s) -> System.out.printf(Locale.ROOT, "| cluster scan %s (%d message%s) | %,d | %.3f | %.3f |%n", c,
        s[0], s[0] == 1 ? "" : "s", apps / clusters, seconds(s[1]), seconds(s[2])));
    System.out.println();
    System.out.println("Kubernetes requests at the API servers, by verb and resource, all clusters (requests for "
        + new TreeSet<>(ApiServerRequests.BACKGROUND) + " and WATCH requests are the control plane's own and not counted "
        + "above): "
        + f.kubernetes());
    System.out.println();
    System.out.println("DynamoDB requests by operation: " + f.table().requests() + "; billed units by operation: "
        + f.table().units());
  }

  private void row(String name, double total, int decimals, String before, String goal) {
    String format = "%,." + decimals + "f";
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name,
        total == Math.rint(total) ? String.format(Locale.ROOT, "%,d", (long) total)
            : String.format(Locale.ROOT, "%,.3f", total),
        String.format(Locale.ROOT, format, total / apps), before, goal);
  }

  /**
   * The crash check's table traffic: one minute's (the index of operations in flight) and the hourly sweep's
   * (every status item), with no operation in flight.
   */
  static void printCrashChecks(int apps, TableMeter.Totals minute, TableMeter.Totals sweep) {
    System.out.println();
    System.out.println("Crash check, no operation in flight (read units; requests by operation):");
    System.out.println();
    System.out.println("| crash check | read units | per Application | requests |");
    System.out.println("|---|---:|---:|---|");
    System.out.printf(Locale.ROOT, "| a minute's (index of operations in flight) | %,.3f | %.5f | %s |%n",
        minute.readUnits(), minute.readUnits() / apps, minute.requests());
    System.out.printf(Locale.ROOT, "| the hourly sweep (every status item) | %,.3f | %.5f | %s |%n",
        sweep.readUnits(), sweep.readUnits() / apps, sweep.requests());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
