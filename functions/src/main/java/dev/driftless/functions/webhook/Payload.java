package dev.driftless.functions.webhook;

import java.util.List;

/**
 * What a delivery says, whoever sent it: what it asks for, every URL it gives for the repository (clone,
 * ssh, web), the default branch when it names one, and the refs it moved.
 */
public record Payload(Kind kind, List<String> repositoryUrls, String defaultBranch, List<RefUpdate> updates) {

  public enum Kind {
    PUSH,
    PING,
    /** A verified event with nothing to do (a GitLab system hook that is not a push). */
    NOTHING
  }

  public Payload {
    repositoryUrls = List.copyOf(repositoryUrls);
    updates = List.copyOf(updates);
  }

  public static Payload ping(List<String> urls) {
    return new Payload(Kind.PING, urls, null, List.of());
  }
}
