package dev.driftless.source;

import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.SourceException.Failure;

/**
 * The credential of a chart repository or an OCI registry: the same {@code git/} secrets Git uses (a token or
 * username and password, never an SSH key), checked by the same {@link RepositoryRules} before anything is sent.
 */
final class RepositoryCredentials {

  private RepositoryCredentials() {}

  /** The credential for {@code url} ({@link GitCredentials.None} without a secret id), once the rules allow it. */
  static GitCredentials load(SecretsClient secrets, RepositoryRules rules, String url, String secretId, String what) {
    rules.checkRepository(url);
    rules.checkCredentialsName(url, secretId);
    GitCredentials credentials = GitCredentials.load(secrets, secretId, url);
    if (credentials instanceof GitCredentials.Ssh ssh) {
      throw new SourceException(Failure.INVALID_CREDENTIALS, what + ": credentials " + ssh.secretId()
          + " hold an SSH key; a " + (url.startsWith("oci://") ? "registry" : "chart repository")
          + " takes a token or username and password");
    }
    rules.checkMayBeSent(url, credentials);
    return credentials;
  }
}
