package dev.driftless.feedback;

import java.util.Locale;

/** What a commit status says: the sync is on its way, done, or failed; each provider spells it its own way. */
public enum CommitState {
  PENDING, SUCCESS, FAILURE;

  /** The state as the provider's API spells it. */
  String word(GitProvider provider) {
    return switch (provider) {
      case GITHUB, GITEA -> name().toLowerCase(Locale.ROOT);
      case GITLAB -> switch (this) {
        case PENDING -> "running";
        case SUCCESS -> "success";
        case FAILURE -> "failed";
      };
      case BITBUCKET_CLOUD, BITBUCKET_DATACENTER -> switch (this) {
        case PENDING -> "INPROGRESS";
        case SUCCESS -> "SUCCESSFUL";
        case FAILURE -> "FAILED";
      };
    };
  }
}
