package dev.driftless.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine was doing: the load averages, read before each measurement so noise can be judged. */
public final class Machine {

  private Machine() {}

  /** The 1-minute load average, or -1 where /proc/loadavg cannot be read. */
  public static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU time (user + system) this process has used so far, in nanoseconds; -1 where unknown. */
  public static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  /** This process's peak resident set size so far (VmHWM), in KiB; -1 where unknown. */
  public static long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /**
   * Resets this process's peak RSS to its current RSS (Linux: writing 5 to /proc/self/clear_refs), so that
   * {@link #peakRssKib()} afterwards covers one step. Returns false where the kernel does not allow it.
   */
  public static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
