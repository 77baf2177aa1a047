package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code driftless completion}: the script names the whole command tree, and bash completes with it. */
class CompletionTest {

  @TempDir Path home;

  @Test
  void theScriptNamesEverySubcommandAndOptionAndServesZshThroughBashcompinit() {
    Run bash = Run.of(home, "completion", "bash");
    assertThat(bash.code()).isZero();
    assertThat(bash.out()).startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_driftless -o default driftless");
    List<CommandLine> commands = Run.commandTree(home);
    assertThat(commands).hasSizeGreaterThan(20);
    for (CommandLine cl : commands) {
      String name = cl.getCommandSpec().qualifiedName();
      assertThat(bash.out()).as(name).contains("function _picocli_" + name.replace(' ', '_') + "()");
      for (OptionSpec o : cl.getCommandSpec().options()) {
        for (String n : o.names()) assertThat(bash.out()).as(name + " " + n).contains(n);
      }
    }

    Run zsh = Run.of(home, "completion", "zsh");
    assertThat(zsh.code()).isZero();
    assertThat(zsh.out()).isEqualTo(bash.out()).contains("autoload -U +X bashcompinit && bashcompinit");
    assertThat(Run.of(home, "completion", "fish").code()).isEqualTo(2);
  }

  @Test
  void bashCompletesSubcommandsOptionsAndOptionValuesWithThePrintedScript() throws Exception {
    Path script = home.resolve("driftless.bash");
    Files.writeString(script, Run.of(home, "completion", "bash").out());
    // Each case sets the words as bash would on <TAB> and calls the function the script registered.
    String cases = """
        source "$1"
        complete -p driftless
        complete_words() {
          COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
          _complete_driftless
          echo "$* => ${COMPREPLY[*]}"
        }
        complete_words driftless app sy
        complete_words driftless cont
        complete_words driftless context u
        complete_words driftless app sync web --wa
        complete_words driftless cluster add lab --auth ''
        complete_words driftless completion ''
        """;
    Process bash = new ProcessBuilder("bash", "-c", cases, "completion-test", script.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("bash ended").isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    assertThat(out.lines()).containsExactly(
        "complete -o default -F _complete_driftless driftless",
        "driftless app sy => sync",
        "driftless cont => context",
        "driftless context u => use",
        "driftless app sync web --wa => --wait",
        "driftless cluster add lab --auth  => eks token kubeconfig",
        "driftless completion  => bash zsh");
  }
}
