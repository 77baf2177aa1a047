package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
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
public final class FluxContender implements Contender {

  private static final Pattern SUMMARY = Pattern.compile("requests (\\d+)");

  private final Path binary;
  private final Path kubeconfig;
  private final Path work;

  public FluxContender(Path binary, Path kubeconfig, Path work) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.work = work;
  }

  @Override
  public String name() {
    return "Flux (fluxcd/pkg/ssa ApplyAllStaged)";
  }

  @Override
  public String slug() {
    return "fx";
  }

  @Override
  public StepResult apply(Path dir, List<DesiredObject> objects) {
    TimedProcess p = TimedProcess.run(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
        "-f", dir.toString()), work);
    String summary = p.out().isEmpty() ? "" : p.out().get(p.out().size() - 1);
    Matcher m = SUMMARY.matcher(summary);
    long requests = m.find() ? Long.parseLong(m.group(1)) : -1;
    return new StepResult(p.nanos(), requests, Map.of(), -1, p.rssKib(), p.cpuNanos(), summary);
  }
}
