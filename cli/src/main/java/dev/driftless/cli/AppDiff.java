package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless app diff NAME}: what a sync would change, computed against the live cluster. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show what a sync would change: Git (rendered, secrets resolved) against the live objects, as "
        + "a unified diff per object. Records nothing and changes nothing.",
        "Secret data is shown as digests, never as values."})
final class AppDiff extends Leaf {

  @Parameters(paramLabel = "NAME", description = "The Application's name.")
  String name;

  @Option(names = "--revision", paramLabel = "<rev>",
      description = "Diff this branch, tag or commit instead of the Application's targetRevision.")
  String revision;

  @Option(names = "--all", description = "Also list objects that are unchanged or skipped.")
  boolean all;

  @Option(names = "--exit-code", description = "Exit with 1 when there are differences (as git diff --exit-code).")
  boolean exitCode;

  @Override
  public Integer call() {
    JsonNode d = client().get(app(name) + "/diff" + (revision == null ? "" : "?revision="
        + ApiClient.encode(revision)));
    int differing;
    if (output().structured(d)) {
      differing = d.path("inSync").asBoolean() ? 0 : 1;
    } else {
      differing = new DiffPrinter(out(), settings().color()).print(d, all);
    }
    return exitCode && differing > 0 ? Main.FAILED : 0;
  }
}
