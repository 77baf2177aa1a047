package dev.driftless.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftless completion bash|zsh}: picocli's completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for driftless's commands, options and option values.",
        "zsh reads the same script as bash, through bashcompinit (the script loads it)."},
    footer = {"%nExamples:",
        "  source <(driftless completion bash)                  # this shell",
        "  driftless completion bash > ~/.local/share/bash-completion/completions/driftless",
        "  echo 'source <(driftless completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public Integer call() {
    Terminal terminal = ((Main) spec.root().userObject()).terminal;
    terminal.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    terminal.out().flush();
    return 0;
  }
}
