package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {

  private static final String REPO = "https://git.example.com/acme/deploy.git";

  @Test
  void aTokenUsesTheAccessTokenUserUnlessOneIsGiven() {
    assertThat(GitCredentials.parse(REPO, "git/acme", "{\"token\":\"tok-123\"}"))
        .isEqualTo(new GitCredentials.Https("git/acme", "x-access-token", "tok-123", List.of()));
    assertThat(GitCredentials.parse(REPO, "git/acme", "{\"token\":\"tok-123\",\"username\":\"bot\"}"))
        .isEqualTo(new GitCredentials.Https("git/acme", "bot", "tok-123", List.of()));
  }

  @Test
  void usernameAndPasswordAreHttpsCredentials() {
    assertThat(GitCredentials.parse(REPO, "git/acme", "{\"username\":\"bot\",\"password\":\"pw-456\"}"))
        .isEqualTo(new GitCredentials.Https("git/acme", "bot", "pw-456", List.of()));
  }

  @Test
  void anSshKeyNeedsKnownHosts() {
    assertThatThrownBy(() -> GitCredentials.parse(REPO, "git/acme", "{\"sshPrivateKey\":\"KEY-789\"}"))
        .isInstanceOf(SourceException.class)
        .hasMessage("repository " + REPO + ": credentials git/acme: sshPrivateKey needs knownHosts"
            + " (host keys are always checked)");
  }

  @Test
  void toStringNeverShowsASecretValue() {
    assertThat(GitCredentials.parse(REPO, "git/acme", "{\"token\":\"tok-123\"}").toString())
        .doesNotContain("tok-123");
    assertThat(GitCredentials.parse(REPO, "git/acme", "{\"sshPrivateKey\":\"KEY-789\",\"knownHosts\":\"h k\"}")
        .toString()).doesNotContain("KEY-789");
  }

  @Test
  void malformedJsonIsRefusedWithoutQuotingTheSecret() {
    assertThatThrownBy(() -> GitCredentials.parse(REPO, "git/acme", "{\"token\": tok-123-unquoted}"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("repository " + REPO + ": credentials git/acme: secret is not valid JSON")
        .hasNoCause()
        .message().doesNotContain("tok-123");
  }

  @Test
  void aSecretOfNoKnownShapeIsRefused() {
    assertThatThrownBy(() -> GitCredentials.parse(REPO, "git/acme", "{\"password\":\"pw-only\"}"))
        .hasMessageEndingWith("secret holds none of token, username+password, sshPrivateKey+knownHosts")
        .message().doesNotContain("pw-only");
  }
}
