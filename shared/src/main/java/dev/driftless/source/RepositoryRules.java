package dev.driftless.source;

import dev.driftless.secrets.SecretLayout;
import dev.driftless.source.RepositoryUrl.Transport;
import dev.driftless.source.SourceException.Failure;
import java.util.List;

/**
 * Which repositories may be fetched and where a Git credential may be sent, checked when an Application is
 * registered and again before every fetch (the secret may have changed since):
 * <ul>
 *   <li>a repository is an {@code https://}, {@code http://} or {@code ssh://} (or {@code git@host:path}) URL;
 *       {@code file://} URLs, local paths and other schemes only where local repositories are allowed (the local
 *       runner and tests);</li>
 *   <li>a credential's secret lives under the layout's {@code git/};</li>
 *   <li>a credential is sent only to a repository under one of the URL prefixes its secret names in
 *       {@code urls}, and only over TLS or SSH.</li>
 * </ul>
 *
 * @param secrets the Secrets Manager layout
 * @param localRepositories true only in the local runner and tests
 */
public record RepositoryRules(SecretLayout secrets, boolean localRepositories) {

  public RepositoryRules {
    secrets = secrets == null ? SecretLayout.defaults() : secrets;
  }

  /** Refuses a repository URL this deployment may not fetch. */
  public void checkRepository(String repoURL) {
    if (localRepositories || RepositoryUrl.parse(repoURL).transport().isRemote()) return;
    throw new SourceException(Failure.REFUSED, "repository " + RemoteAccess.redact(repoURL) + ": refused: only "
        + "https://, http://, ssh:// (or git@host:path) and oci:// repositories are fetched here; file:// URLs and "
        + "local paths only in the local runner");
  }

  /** Refuses a credentials secret outside the layout's {@code git/}; none at all is fine. */
  public void checkCredentialsName(String repoURL, String secretId) {
    if (secretId == null || secretId.isBlank() || SecretLayout.isUnder(secrets.git(), secretId)) return;
    throw new SourceException(Failure.REFUSED, "repository " + RemoteAccess.redact(repoURL) + ": credentials "
        + secretId + ": refused: a Git credential's secret must be under " + secrets.git());
  }

  /** Refuses to send the credentials to this repository: outside their URL prefixes, or not over TLS or SSH. */
  void checkMayBeSent(String repoURL, GitCredentials credentials) {
    String why = whyNotSent(repoURL, credentials);
    if (why != null) {
      throw notSent(repoURL, credentials, why);
    }
  }

  /**
   * True when the credentials may go to this URL: a chart repository's redirect target or chart download, a
   * registry's token realm. Each such URL is judged on its own, so another host gets nothing.
   */
  boolean maySend(String url, GitCredentials credentials) {
    return !(credentials instanceof GitCredentials.None) && whyNotSent(url, credentials) == null;
  }

  private String whyNotSent(String repoURL, GitCredentials credentials) {
    if (credentials instanceof GitCredentials.None) return null;
    RepositoryUrl url = RepositoryUrl.parse(repoURL);
    List<String> prefixes = credentials.urls();
    if (prefixes.isEmpty()) {
      return "the secret names no urls (the URL prefixes it may be sent to)";
    }
    if (prefixes.stream().map(RepositoryUrl::parse).noneMatch(url::isUnder)) {
      return "the repository is under none of the secret's urls";
    }
    // The local runner's and the tests' Git HTTP servers are plain HTTP on this machine; nowhere else is.
    boolean localHttp = localRepositories && url.transport() == Transport.HTTP && url.isLoopback();
    if (url.transport() == Transport.HTTP && !localHttp) {
      return "credentials travel only over https:// or ssh://, not http://";
    }
    return null;
  }

  private static SourceException notSent(String repoURL, GitCredentials credentials, String why) {
    return new SourceException(Failure.REFUSED, "repository " + RemoteAccess.redact(repoURL) + ": credentials "
        + credentials.secretId() + " not sent: " + why);
  }
}
