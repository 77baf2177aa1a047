package dev.driftless.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code driftless} command: manage Applications and clusters through the Driftless API.
 *
 * <p>Exit codes: 0 done; 1 the operation failed (or, with {@code diff --exit-code}, differences exist);
 * 2 invalid usage; 3 {@code --wait} timed out; 4 the API refused the request or could not be reached; 5 the
 * caller lacks a permission (403; the missing permission is printed).
 */
@Command(name = "driftless", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Manage Driftless Applications and clusters through the Driftless API.",
        "Requests to a deployment are signed with your AWS credentials (SigV4); a loopback http:// server "
            + "(the local runner) is called unsigned."},
    subcommands = {AppCommand.class, AppSetCommand.class, ProjectCommand.class, ClusterCommand.class,
        AccessCommand.class, WhoamiCommand.class, UiCommand.class, ContextCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  done", "  1  the operation failed (diff --exit-code: differences found)", "  2  invalid usage",
        "  3  --wait timed out", "  4  the API refused the request or could not be reached",
        "  5  permission denied: the caller lacks the permission printed (HTTP 403)"})
public final class Main implements Callable<Integer> {

  public static final int FAILED = 1;
  public static final int TIMED_OUT = 3;
  public static final int API_ERROR = 4;
  public static final int DENIED = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin GlobalOptions globals;

  final Terminal terminal;

  public Main(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal.out());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(Terminal.system(), args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(Terminal terminal, String... args) {
    CommandLine cl = commandLine(terminal);
    int code = cl.execute(args);
    terminal.out().flush();
    terminal.err().flush();
    return code;
  }

  static CommandLine commandLine(Terminal terminal) {
    CommandLine cl = new CommandLine(new Main(terminal));
    cl.setOut(terminal.out());
    cl.setErr(terminal.err());
    cl.setExecutionExceptionHandler((e, line, parse) -> {
      if (e instanceof ApiClient.ApiError api) {
        line.getErr().println("error: " + api.getMessage());
        if (api.missing() != null) line.getErr().println("missing permission: " + api.missing());
        return api.status() == 403 ? DENIED : API_ERROR;
      }
      if (e instanceof CliException c) {
        line.getErr().println("error: " + c.getMessage());
        return c.exitCode();
      }
      // Not ours: say what it was in one line; the stack trace only when asked for.
      line.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      if (terminal.env().get("DRIFTLESS_DEBUG") != null) e.printStackTrace(line.getErr());
      return FAILED;
    });
    return cl;
  }

  /** The version from the jar's manifest (unknown when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"driftless " + (v == null ? "(development build)" : v)};
    }
  }
}
