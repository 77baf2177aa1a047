package dev.driftless.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftless ui}: the dashboard on 127.0.0.1, until the process is stopped. The pages' API calls go through
 * this command's client, so they are signed with the user's AWS credentials (or carry {@code --as} to the local
 * runner) like any other command's.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
    description = {"Serve the dashboard on http://127.0.0.1:<port>/ until stopped (Ctrl-C): Applications, their "
        + "objects, history and diff, and clusters, in the browser.",
        "The pages call the API through this command, with your AWS credentials (or --as for the local runner): "
            + "they may see and do what the API lets you."})
final class UiCommand extends Leaf {

  /** The classpath folder the CLI jar carries the pages in. */
  static final String PAGES = "dashboard";

  @Option(names = "--port", paramLabel = "<port>", defaultValue = "8081",
      description = "Port on 127.0.0.1 to serve on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--open", description = "Open the dashboard in the browser (with xdg-open, when installed).")
  boolean open;

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) throw new CliException("--port must be between 0 and 65535, not " + port, 2);
    ApiClient api = client();
    try (DashboardServer server = DashboardServer.start(api, PAGES, port, err())) {
      out().println("Dashboard: " + server.url());
      out().flush();
      if (open) open(server.url().toString());
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** xdg-open when it is on the PATH; otherwise the printed URL is all there is. */
  private void open(String url) throws IOException {
    String path = terminal().env().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path opener = Path.of(dir.isEmpty() ? "." : dir, "xdg-open");
      if (Files.isExecutable(opener)) {
        new ProcessBuilder(opener.toString(), url).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return;
      }
    }
    err().println("xdg-open not found: open " + url + " in your browser");
    err().flush();
  }
}
