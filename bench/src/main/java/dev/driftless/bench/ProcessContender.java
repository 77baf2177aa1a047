package dev.driftless.bench;

import dev.driftless.model.DesiredObject;
import java.nio.file.Path;
import java.util.List;

/**
 * A peer tool run as one process per step through {@link TimedProcess}, against the cluster its kubeconfig
 * names; its peak RSS and CPU time are the process's own. A subclass says which command to run and reads the
 * requests and the outcome from what the process printed.
 */
abstract class ProcessContender implements Contender {

  private final String name;
  private final String slug;
  protected final Path binary;
  protected final Path kubeconfig;
  protected final Path work;

  ProcessContender(String name, String slug, Path binary, Path kubeconfig, Path work) {
    this.name = name;
    this.slug = slug;
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.work = work;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String slug() {
    return slug;
  }

  @Override
  public final StepResult apply(Path dir, List<DesiredObject> objects) {
    return result(TimedProcess.run(command(dir), work));
  }

  /** The command that applies the files in dir. */
  protected abstract List<String> command(Path dir);

  /** The step's cost and outcome, read from the finished process. */
  protected abstract StepResult result(TimedProcess process);
}
