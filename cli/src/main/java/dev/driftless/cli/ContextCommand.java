package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless context ...}: named Driftless APIs (deployments, the local runner) and the current one, kept in
 * {@code ~/.config/driftless/contexts.yaml}. Nothing here calls an API.
 */
@Command(name = "context", mixinStandardHelpOptions = true,
    description = {"Name the Driftless APIs you use and switch between them, as kubectl and argocd contexts do.",
        "A command calls the API of --server, else --context, else $DRIFTLESS_SERVER, else $DRIFTLESS_CONTEXT, "
            + "else the current context, else 'server' in ~/.config/driftless/config."},
    subcommands = {ContextCommand.Add.class, ContextCommand.Use.class, ContextCommand.ListContexts.class,
        ContextCommand.Current.class, ContextCommand.Delete.class})
final class ContextCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What the context commands share: the terminal, the global options, the file. */
  abstract static class Step implements Callable<Integer> {

    @Spec CommandSpec spec;

    Main main() {
      return (Main) spec.root().userObject();
    }

    Contexts read() {
      return ContextFile.read(main().terminal.home());
    }

    void write(Contexts contexts) {
      ContextFile.write(main().terminal.home(), contexts);
    }

    PrintWriter out() {
      return main().terminal.out();
    }

    int say(String line) {
      out().println(line);
      out().flush();
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Add a context, or replace the one of that name. The first context added becomes current.",
          "--region, when given, is stored as the region to sign this server's requests for."},
      footer = {"%nExamples:",
          "  driftless context add prod --server https://abc.lambda-url.eu-west-1.on.aws",
          "  driftless context add local --server http://127.0.0.1:8080"})
  static final class Add extends Step {

    @Parameters(paramLabel = "NAME", description = "The context's name: letters, digits, '.', '_' and '-'.")
    String name;

    @Option(names = "--server", required = true, paramLabel = "<url>",
        description = "The Driftless API: a deployment's Function URL, or http://127.0.0.1:<port> for the local "
            + "runner.")
    String server;

    @Override
    public Integer call() {
      Contexts before = read();
      Contexts after = before.with(name, new Contexts.Context(Settings.serverUrl(server.strip()).toString(),
          main().globals.region));
      write(after);
      return say("Context " + name + (before.contexts().containsKey(name) ? " replaced" : " added")
          + (before.current() == null ? "; it is the current context." : "."));
    }
  }

  @Command(name = "use", mixinStandardHelpOptions = true,
      description = "Make a context the current one: the one commands call when no option or variable names one.")
  static final class Use extends Step {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    @Override
    public Integer call() {
      Contexts after = read().using(name);
      write(after);
      return say("Switched to context " + name + " (" + after.named(name).server() + ").");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the contexts; the current one is marked with *.")
  static final class ListContexts extends Step {

    @Override
    public Integer call() {
      Contexts contexts = read();
      ObjectNode answer = ApiClient.JSON.createObjectNode().put("current", contexts.current());
      ArrayNode items = answer.putArray("contexts");
      contexts.contexts().forEach((name, c) -> {
        ObjectNode item = items.addObject().put("name", name).put("server", c.server());
        if (c.region() != null) item.put("region", c.region());
      });
      if (new Output(out(), Settings.output(main().globals, main().terminal)).structured(answer)) return 0;
      if (contexts.contexts().isEmpty()) {
        return say("No contexts: add one with driftless context add NAME --server URL.");
      }
      Output.Table t = new Output.Table("CURRENT", "NAME", "SERVER", "REGION");
      contexts.contexts().forEach((name, c) ->
          t.row(name.equals(contexts.current()) ? "*" : "", name, c.server(), c.region()));
      t.print(out());
      return 0;
    }
  }

  @Command(name = "current", mixinStandardHelpOptions = true,
      description = "Print the current context's name (the one 'context use' chose).")
  static final class Current extends Step {

    @Override
    public Integer call() {
      String current = read().current();
      if (current == null) {
        throw new CliException("no current context: choose one with driftless context use NAME", Main.FAILED);
      }
      return say(current);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a context. Deleting the current one leaves no context current.")
  static final class Delete extends Step {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    @Override
    public Integer call() {
      Contexts before = read();
      write(before.without(name));
      return say("Deleted context " + name + (name.equals(before.current()) ? "; no context is current now." : "."));
    }
  }
}
