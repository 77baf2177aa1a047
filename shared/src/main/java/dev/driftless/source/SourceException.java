package dev.driftless.source;

import dev.driftless.model.DriftlessException;

/**
 * The source stage could not go on: the message starts with the repository (or kustomization file) and what
 * failed, and never holds a credential value. {@link #failure()} says which kind of failure it was.
 */
public class SourceException extends DriftlessException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, as a value callers can act on (retry, report, give up). */
  public enum Failure {
    AUTHENTICATION_FAILED("authentication failed", false),
    NOT_FOUND("repository not found", false),
    HOST_KEY_MISMATCH("host key mismatch", false),
    INVALID_CREDENTIALS("credentials unusable", false),
    /** A repository or credential this deployment does not fetch or send (see RepositoryRules). */
    REFUSED("refused", false),
    REVISION_NOT_FOUND("revision not found", false),
    UNSAFE_PATH("path escapes the repository root", false),
    INVALID_KUSTOMIZATION("kustomization unreadable", false),
    TIMEOUT("timed out", true),
    TRANSPORT("transport error", true),
    IO("local cache error", true);

    private final String phrase;
    private final boolean retryable;

    Failure(String phrase, boolean retryable) {
      this.phrase = phrase;
      this.retryable = retryable;
    }

    /** A short phrase for messages, e.g. {@code authentication failed}. */
    public String phrase() {
      return phrase;
    }

    /** True when trying again later may succeed without anyone changing anything. */
    public boolean isRetryable() {
      return retryable;
    }
  }

  private final Failure failure;

  public SourceException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public SourceException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
