package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

class HelpTest {

  @TempDir Path home;

  @Test
  void everyCommandOptionAndParameterHasADescription() {
    List<CommandLine> commands = Run.commandTree(home);
    List<String> missing = new ArrayList<>();
    for (CommandLine cl : commands) {
      CommandSpec spec = cl.getCommandSpec();
      if (spec.usageMessage().description().length == 0) missing.add(spec.qualifiedName() + " (command)");
      for (ArgSpec a : spec.args()) {
        if (a.description().length == 0 || a.description()[0].isBlank()) {
          missing.add(spec.qualifiedName() + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName()
              : a.paramLabel()));
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(commands.stream().map(c -> c.getCommandSpec().qualifiedName()).toList()).contains(
        "driftless app list", "driftless app get", "driftless app history", "driftless app diff",
        "driftless app sync", "driftless app rollback", "driftless app create", "driftless app delete",
        "driftless cluster add", "driftless cluster list", "driftless cluster remove", "driftless context add",
        "driftless context use", "driftless context list", "driftless context current", "driftless context delete",
        "driftless completion", "driftless access get", "driftless access set", "driftless whoami", "driftless ui");
  }

  @Test
  void helpPrintsUsageForTheRootAndEverySubcommandAndExitsZero() {
    Run root = Run.of(home, "--help");
    assertThat(root.code()).isZero();
    assertThat(root.out()).contains("Usage: driftless").contains("app").contains("cluster").contains("--server")
        .contains("Exit codes:");
    for (String[] cmd : new String[][] {{"app", "list"}, {"app", "get"}, {"app", "history"}, {"app", "diff"},
        {"app", "sync"}, {"app", "rollback"}, {"app", "create"}, {"app", "delete"}, {"cluster", "add"},
        {"cluster", "list"}, {"cluster", "remove"}, {"access", "get"}, {"access", "set"}}) {
      Run r = Run.of(home, cmd[0], cmd[1], "--help");
      assertThat(r.code()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage: driftless " + cmd[0] + " " + cmd[1])
          .contains("--output");
    }
    assertThat(Run.of(home, "app", "sync", "--help").out()).contains("--wait").contains("--timeout");
    assertThat(Run.of(home, "cluster", "add", "--help").out()).contains("--secret-id").contains("--auth");
  }

  @Test
  void actingAsAPrincipalIsRefusedAgainstADeploymentBeforeAnythingIsSent() {
    String deployment = "https://abcdefghij.lambda-url.eu-west-1.on.aws";
    Run flag = Run.of(home, "--server", deployment, "--as", "arn:aws:iam::1:role/x", "app", "list");
    assertThat(flag.code()).isEqualTo(2);
    assertThat(flag.err()).startsWith("error: --as (or DRIFTLESS_AS) acts as a principal against the local runner "
        + "only; " + deployment + " is a deployment");
    Run env = Run.of(Map.of("DRIFTLESS_AS", "arn:aws:iam::1:role/x"), home, false, "--server", deployment,
        "whoami");
    assertThat(env.code()).isEqualTo(2);
    assertThat(env.err()).contains("--as (or DRIFTLESS_AS)");
  }

  @Test
  void aMissingServerIsAUsageErrorThatSaysWhereToSetIt() {
    Run r = Run.of(home, "app", "list");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no server").contains("DRIFTLESS_SERVER");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run r = Run.of(home, "app", "list", "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--bogus'");
  }
}
