package dev.driftless.cli;

/** A command that cannot go on; the message is printed as {@code error: <message>}, the code is the exit code. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
