package dev.driftless.feedback;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Git forges Driftless posts commit statuses to. Forgejo serves Gitea's API and is {@link #GITEA}. A public
 * host names its provider ({@link #ofPublicHost}); a self-hosted one is named by the deployment
 * ({@link ProviderHosts}).
 */
public enum GitProvider {
  GITHUB("github"),
  GITLAB("gitlab"),
  BITBUCKET_CLOUD("bitbucket"),
  BITBUCKET_DATACENTER("bitbucket-datacenter"),
  GITEA("gitea");

  private static final Map<String, GitProvider> PUBLIC_HOSTS = Map.of(
      "github.com", GITHUB,
      "gitlab.com", GITLAB,
      "bitbucket.org", BITBUCKET_CLOUD,
      "gitea.com", GITEA,
      "codeberg.org", GITEA);

  private final String word;

  GitProvider(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The provider a public forge's host names, if it is one. */
  public static Optional<GitProvider> ofPublicHost(String host) {
    return Optional.ofNullable(PUBLIC_HOSTS.get(host));
  }

  /** The provider a setting names ({@code github}, {@code gitlab}, {@code bitbucket}, ..., {@code forgejo}). */
  public static GitProvider parse(String word) {
    String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
    if (w.equals("forgejo")) return GITEA;
    for (GitProvider p : values()) {
      if (p.word.equals(w)) return p;
    }
    throw new IllegalArgumentException("git provider '" + word
        + "' is none of github, gitlab, bitbucket, bitbucket-datacenter, gitea, forgejo");
  }
}
