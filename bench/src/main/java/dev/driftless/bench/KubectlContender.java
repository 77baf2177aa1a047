package dev.driftless.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl apply --server-side --field-manager=kubectl-bench -f DIR}, one process per step. Its peak
 * RSS and CPU time are the kubectl process's own ({@link TimedProcess}); its requests are counted from its
 * {@code -v=6} log, one "Response" line per request. Its discovery cache lives in a directory of its own, warm
 * after the first step as on a workstation.
 */
public final class KubectlContender extends ProcessContender {

  private static final Pattern RESPONSE = Pattern.compile("\"Response\" verb=\"([A-Z]+)\" url=\"([^\"]+)\"");
  private static final Pattern RESPONSE_OLD = Pattern.compile("\\] (GET|PATCH|POST|PUT|DELETE) (https?://\\S+)");

  public KubectlContender(Path kubectl, Path kubeconfig, Path work) {
    super("kubectl apply --server-side", "kc", kubectl, kubeconfig, work);
  }

  @Override
  protected List<String> command(Path dir) {
    return List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(), "--cache-dir",
        work.resolve("cache").toString(), "apply", "--server-side", "--field-manager=kubectl-bench", "-f",
        dir.toString(), "-v=6");
  }

  @Override
  protected StepResult result(TimedProcess p) {
    Map<String, Long> byKind = requests(p.err());
    long total = byKind.values().stream().mapToLong(Long::longValue).sum();
    return new StepResult(p.nanos(), total, byKind, -1, p.rssKib(), p.cpuNanos(), summarize(p.out()));
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
}
