package dev.driftless.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options of every command: --server before the subcommand, the others anywhere. */
final class GlobalOptions {

  /** {@code wide}: a table with every column in full (where a command's table cuts some). */
  enum Format { table, wide, json, yaml }

  /** Not inherited: {@code cluster add --server} is the cluster's API server, so this one goes first. */
  @Option(names = "--server", paramLabel = "<url>",
      description = "The Driftless API, given before the subcommand: the Function URL of a deployment, or "
          + "http://127.0.0.1:<port> for the local runner. Default: $DRIFTLESS_SERVER or $DRIFTLESS_CONTEXT, "
          + "then the current context, then 'server' in ~/.config/driftless/config.")
  String server;

  @Option(names = "--context", paramLabel = "<name>", scope = ScopeType.INHERIT,
      description = "Call the API of this context (see 'driftless context'), instead of --server. Default: "
          + "$DRIFTLESS_CONTEXT, then the current context.")
  String context;

  @Option(names = "--region", paramLabel = "<region>", scope = ScopeType.INHERIT,
      description = "AWS region to sign requests for ('context add' stores it in the context). Default: the "
          + "context's region, then the region in a Function URL's host name, then $AWS_REGION, "
          + "$AWS_DEFAULT_REGION, then 'region' in the config file.")
  String region;

  @Option(names = "--as", paramLabel = "<arn>", scope = ScopeType.INHERIT,
      description = "Act as this IAM principal against the local runner (sent as X-Driftless-Caller; refused "
          + "against a deployment, which takes the caller from the request's signature). Default: $DRIFTLESS_AS.")
  String as;

  @Option(names = {"-o", "--output"}, paramLabel = "<format>", scope = ScopeType.INHERIT,
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: table (for people; wide: the same with "
          + "full ids, times and messages; json and yaml print the API's answer as is).")
  Format output;

  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "Print no ANSI colours (they are off anyway when stdout is not a terminal, or when "
          + "$NO_COLOR is set).")
  boolean noColor;
}
