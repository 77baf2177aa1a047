package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl apply --server-side --field-manager=kubectl-bench -f DIR}, one process per step. Its peak
 * RSS and CPU time are the child's {@code ru_maxrss} and user + system time as GNU time reports them
 * ({@code /usr/bin/time -f "%M %U %S"}: the kubectl process itself, not a shell around it); its requests are counted from its {@code -v=6} log, one
 * "Response" line per request. Its discovery cache lives in a directory of its own, warm after the first
 * step as on a workstation.
 */
public final class KubectlContender implements Contender {

  private static final Pattern RESPONSE = Pattern.compile("\"Response\" verb=\"([A-Z]+)\" url=\"([^\"]+)\"");
  private static final Pattern RESPONSE_OLD = Pattern.compile("\\] (GET|PATCH|POST|PUT|DELETE) (https?://\\S+)");

  private final Path kubectl;
  private final Path kubeconfig;
  private final Path work;

  public KubectlContender(Path kubectl, Path kubeconfig, Path work) {
    this.kubectl = kubectl;
    this.kubeconfig = kubeconfig;
    this.work = work;
  }

  @Override
  public String name() {
    return "kubectl apply --server-side";
  }

  @Override
  public String slug() {
    return "kc";
  }

  @Override
  public StepResult apply(Path dir, List<DesiredObject> objects) {
    try {
      Files.createDirectories(work);
      Path rss = work.resolve("kubectl-rss.txt");
      Path log = work.resolve("kubectl-v6.log");
      Path out = work.resolve("kubectl-out.txt");
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString(),
          kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "--cache-dir", work.resolve("cache").toString(),
          "apply", "--server-side", "--field-manager=kubectl-bench", "-f", dir.toString(), "-v=6")
          .redirectOutput(out.toFile()).redirectError(log.toFile());
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("kubectl apply -f " + dir + " did not finish in 15 minutes");
      }
      long nanos = System.nanoTime() - start;
      if (p.exitValue() != 0) {
        throw new IllegalStateException("kubectl apply -f " + dir + " failed (exit " + p.exitValue() + "); see "
            + log + ": " + tail(log));
      }
      Map<String, Long> byKind = requests(Files.readAllLines(log));
      long total = byKind.values().stream().mapToLong(Long::longValue).sum();
      String[] usage = Files.readString(rss).strip().lines().reduce((a, b) -> b).orElse("-1 0 0").strip().split(" ");
      long rssKib = Long.parseLong(usage[0]);
      long cpuNanos = (long) ((Double.parseDouble(usage[1]) + Double.parseDouble(usage[2])) * 1e9);
      String outcome = summarize(Files.readAllLines(out));
      return new StepResult(nanos, total, byKind, -1, rssKib, cpuNanos, outcome);
    } catch (IOException e) {
      throw new UncheckedIOException("kubectl apply -f " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Requests in a -v=6 log, by kind, named as {@link RequestCounter} names them. */
  static Map<String, Long> requests(List<String> lines) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : lines) {
      Matcher m = RESPONSE.matcher(line);
      Matcher old = RESPONSE_OLD.matcher(line);
      String verb;
      String url;
      if (m.find()) {
        verb = m.group(1);
        url = m.group(2);
      } else if (old.find()) {
        verb = old.group(1);
        url = old.group(2);
      } else {
        continue;
      }
      String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
      String kind = url.contains("dryRun=All") ? verb + " dry-run"
          : "GET".equals(verb) && (path.equals("/api") || path.equals("/apis") || path.matches("/api/[^/]+")
              || path.matches("/apis/[^/]+(/[^/]+)?") || path.startsWith("/openapi")) ? "GET discovery" : verb;
      out.merge(kind, 1L, Long::sum);
    }
    return out;
  }

  /** kubectl prints "kind/name serverside-applied" per object; counts the lines. */
  private static String summarize(List<String> lines) {
    long applied = lines.stream().filter(l -> l.endsWith(" serverside-applied")).count();
    return "serverside-applied " + applied;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
