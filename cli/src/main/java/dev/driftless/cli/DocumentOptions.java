package dev.driftless.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that stores a document from a file ({@code app create}, {@code project create},
 * {@code access set}): the file, and whether a stored version may be replaced.
 */
final class DocumentOptions {

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "<file>",
      description = "The document, YAML or JSON; .json files are sent as JSON, anything else as YAML.")
  Path file;

  @Option(names = "--replace", description = "Replace the stored document, whatever its version (If-Match: *).")
  boolean replace;

  @Option(names = "--if-version", paramLabel = "<version>",
      description = "Replace only this version of the stored document (optimistic locking; 0 means create).")
  Long ifVersion;

  /** Reads the file and PUTs it to {@code path} as these options say. */
  ApiClient.Answer put(ApiClient client, DocumentFile document, String path) {
    return document.put(client, path, replace, ifVersion);
  }
}
