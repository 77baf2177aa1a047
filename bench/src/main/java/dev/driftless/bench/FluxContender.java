package dev.driftless.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux's apply engine, the one kustomize-controller runs: {@code bench/peers/flux-ssa}, a small program over
 * fluxcd/pkg/ssa's {@code ResourceManager.ApplyAllStaged} (a GET and a dry run per object, 4 at a time, then
 * one apply per changed object, in turn), built by {@code scripts/bench} from the Go module proxy. One
 * process per step, like kubectl; it prints its change set and the requests it sent.
 */
public final class FluxContender extends ProcessContender {

  private static final Pattern SUMMARY = Pattern.compile("requests (\\d+)");

  public FluxContender(Path binary, Path kubeconfig, Path work) {
    super("Flux (fluxcd/pkg/ssa ApplyAllStaged)", "fx", binary, kubeconfig, work);
  }

  @Override
  protected List<String> command(Path dir) {
    return List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(), "-f", dir.toString());
  }

  @Override
  protected StepResult result(TimedProcess p) {
    String summary = p.out().isEmpty() ? "" : p.out().get(p.out().size() - 1);
    Matcher m = SUMMARY.matcher(summary);
    long requests = m.find() ? Long.parseLong(m.group(1)) : -1;
    return new StepResult(p.nanos(), requests, Map.of(), -1, p.rssKib(), p.cpuNanos(), summary);
  }
}
