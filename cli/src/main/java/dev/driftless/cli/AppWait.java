package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless app wait NAME}: polls the Application until it is as asked, as {@code argocd app wait} does:
 * {@code --sync} Synced, {@code --health} Healthy, {@code --operation} no operation in flight; none of them: all three.
 * Exits 1 when the operation waited for ended failed, 3 when the timeout passes first.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Wait until an Application is synced, healthy and has no operation in flight (or only what the "
        + "flags ask).", "Exit 1 when its last operation failed, 3 when --timeout passes first."})
final class AppWait extends Leaf {

  @Parameters(paramLabel = "NAME", description = "The Application's name.")
  String name;

  @Option(names = "--sync", description = "Wait until it is Synced.")
  boolean sync;

  @Option(names = "--health", description = "Wait until it is Healthy.")
  boolean health;

  @Option(names = "--operation", description = "Wait until no operation is in flight; exit 1 if the last one failed.")
  boolean operation;

  @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "5m",
      description = "How long to wait, such as 90s, 5m or 1h (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--interval", paramLabel = "<duration>", defaultValue = "2s",
      description = "How often to poll the status (default: ${DEFAULT-VALUE}).")
  String interval;

  @Override
  public Integer call() {
    Duration limit = AppSync.Queued.duration("--timeout", timeout);
    Duration every = AppSync.Queued.duration("--interval", interval);
    boolean all = !sync && !health && !operation;
    Clock clock = terminal().clock();
    Instant until = clock.instant().plus(limit);
    String last = null;
    while (true) {
      JsonNode st = client().get(app(name)).path("status");
      boolean idle = !st.path("operation").isObject();
      String line = "sync " + Output.text(st, "sync") + ", health " + Output.text(st, "health")
          + (idle ? ", no operation" : ", operation " + Output.text(st.path("operation"), "id") + " at step "
              + Output.text(st.path("operation"), "step"));
      if (!line.equals(last)) {
        err().println(line);
        err().flush();
        last = line;
      }
      if ((all || operation) && idle && "failed".equals(Output.text(st, "lastResult"))) {
        out().println("Failed: " + Output.text(st, "lastMessage"));
        out().flush();
        return Main.FAILED;
      }
      boolean done = (!(all || sync) || "Synced".equals(Output.text(st, "sync")))
          && (!(all || health) || "Healthy".equals(Output.text(st, "health")))
          && (!(all || operation) || idle);
      if (done) {
        out().println("application " + name + ": " + line);
        out().flush();
        return 0;
      }
      if (!clock.instant().isBefore(until)) {
        out().println("Timed out after " + limit.toSeconds() + "s: " + line);
        out().flush();
        return Main.TIMED_OUT;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Main.TIMED_OUT;
      }
    }
  }
}
