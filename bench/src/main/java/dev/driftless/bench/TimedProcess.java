package dev.driftless.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer's command run once under GNU time ({@code /usr/bin/time -f "%M %U %S"}: the command's own peak RSS and
 * user + system CPU, not a shell's), with its wall time, output and error lines.
 */
record TimedProcess(long nanos, long rssKib, long cpuNanos, List<String> out, List<String> err) {

  /** Runs {@code command} with scratch files in {@code work}; fails naming the command when it fails. */
  static TimedProcess run(List<String> command, Path work) {
    try {
      Files.createDirectories(work);
      Path usage = work.resolve("usage.txt");
      Path out = work.resolve("out.txt");
      Path err = work.resolve("err.txt");
      List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", usage.toString()));
      timed.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(timed).redirectOutput(out.toFile()).redirectError(err.toFile());
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 15 minutes");
      }
      long nanos = System.nanoTime() - start;
      List<String> errLines = Files.readAllLines(err);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
            + String.join(" | ", errLines.subList(Math.max(0, errLines.size() - 3), errLines.size())));
      }
      String[] u = Files.readString(usage).strip().lines().reduce((a, b) -> b).orElse("-1 0 0").strip().split(" ");
      long cpuNanos = (long) ((Double.parseDouble(u[1]) + Double.parseDouble(u[2])) * 1e9);
      return new TimedProcess(nanos, Long.parseLong(u[0]), cpuNanos, Files.readAllLines(out), errLines);
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
