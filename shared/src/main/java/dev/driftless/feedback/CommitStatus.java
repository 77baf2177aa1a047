package dev.driftless.feedback;

import java.util.Objects;

/**
 * One status to post on one commit: its state, its context ({@code driftless/<app>@<cluster>}, one status per
 * Application and cluster on the commit), a short description and where it links to (null: nowhere).
 */
public record CommitStatus(String sha, CommitState state, String context, String description, String targetUrl) {

  /** GitHub's and Gitea's limit; the other providers take at least as much. */
  static final int MAX_DESCRIPTION = 140;

  public CommitStatus {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(context, "context");
    description = shorten(description == null ? "" : description.strip().replaceAll("\\s+", " "));
  }

  /** The context naming one Application on one cluster. */
  public static String context(String application, String cluster) {
    return "driftless/" + application + "@" + cluster;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3) + "...";
  }
}
