package dev.driftless.functions.webhook;

import java.util.List;

/**
 * What a delivery says, whoever sent it: what it asks for, every URL it gives for the repository (clone,
 * ssh, web), the default branch when it names one, the refs it moved, and for a pull request its number, head
 * commit and base branch.
 */
public record Payload(Kind kind, List<String> repositoryUrls, String defaultBranch, List<RefUpdate> updates,
    PullRequest pullRequest) {

  /** A pull (merge) request to plan: its number (GitLab's iid), head commit and base branch's short name. */
  public record PullRequest(long number, String head, String base) {}

  public enum Kind {
    PUSH,
    PING,
    /** A pull request opened, updated or reopened: plan its head. */
    PULL_REQUEST,
    /** A verified event with nothing to do (a GitLab system hook that is not a push, a pull request closed). */
    NOTHING
  }

  public Payload {
    repositoryUrls = List.copyOf(repositoryUrls);
    updates = List.copyOf(updates);
  }

  public Payload(Kind kind, List<String> repositoryUrls, String defaultBranch, List<RefUpdate> updates) {
    this(kind, repositoryUrls, defaultBranch, updates, null);
  }

  public static Payload ping(List<String> urls) {
    return new Payload(Kind.PING, urls, null, List.of());
  }
}
