package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.secrets.SecretLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryRulesTest {

  private static final RepositoryRules AWS = new RepositoryRules(SecretLayout.defaults(), false);
  private static final RepositoryRules LOCAL = new RepositoryRules(SecretLayout.defaults(), true);

  private static GitCredentials token(String... urls) {
    return new GitCredentials.Https("driftless/git/acme", "x-access-token", "tok", List.of(urls));
  }

  private static boolean sent(RepositoryRules rules, String repo, String... urls) {
    try {
      rules.checkMayBeSent(repo, token(urls));
      return true;
    } catch (SourceException e) {
      assertThat(e.failure()).isEqualTo(SourceException.Failure.REFUSED);
      return false;
    }
  }

  @Test
  void aPrefixCoversItsOwnPathAndWhatLiesBelowIt() {
    assertThat(sent(AWS, "https://github.com/acme/deploy.git", "https://github.com/acme/")).isTrue();
    assertThat(sent(AWS, "https://github.com/acme/deploy.git", "https://github.com/acme")).isTrue();
    assertThat(sent(AWS, "https://github.com/acme", "https://github.com/acme/")).isTrue();
    assertThat(sent(AWS, "https://GitHub.com:443/acme/deploy", "https://github.com/acme")).isTrue();
    assertThat(sent(AWS, "https://github.com/acme/deploy", "https://github.com/")).isTrue();
  }

  @Test
  void aPrefixDoesNotCoverANameThatMerelyStartsTheSame() {
    assertThat(sent(AWS, "https://github.com/acme-evil/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com.evil.io/acme/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com:8443/acme/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://evil.io/github.com/acme/deploy", "https://github.com/acme")).isFalse();
  }

  @Test
  void aUrlThatHidesWhereItGoesIsCoveredByNoPrefix() {
    assertThat(sent(AWS, "https://github.com/acme/../evil/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com/acme/%2e%2e/evil/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com/acme%2Fevil", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com@evil.io/acme/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com/acme/deploy?x=1", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "https://github.com\\@evil.io/acme", "https://github.com/acme")).isFalse();
  }

  @Test
  void anHttpsPrefixDoesNotCoverTheSameRepositoryOverSshOrHttp() {
    assertThat(sent(AWS, "ssh://git@github.com/acme/deploy", "https://github.com/acme")).isFalse();
    assertThat(sent(AWS, "http://github.com/acme/deploy", "https://github.com/acme")).isFalse();
  }

  @Test
  void scpLikeAndSshUrlsAreTheSamePlace() {
    assertThat(sent(AWS, "git@github.com:acme/deploy.git", "ssh://git@github.com/acme/")).isTrue();
    assertThat(sent(AWS, "ssh://git@github.com:22/acme/deploy.git", "git@github.com:acme")).isTrue();
    assertThat(sent(AWS, "git@github.com:acme-evil/deploy.git", "git@github.com:acme")).isFalse();
  }

  @Test
  void credentialsTravelOverPlainHttpOnlyToThisMachineInLocalMode() {
    assertThat(sent(AWS, "http://git.example.com/acme/deploy", "http://git.example.com/acme")).isFalse();
    assertThat(sent(LOCAL, "http://git.example.com/acme/deploy", "http://git.example.com/acme")).isFalse();
    assertThat(sent(AWS, "http://127.0.0.1:8080/acme/deploy", "http://127.0.0.1:8080/acme")).isFalse();
    assertThat(sent(LOCAL, "http://127.0.0.1:8080/acme/deploy", "http://127.0.0.1:8080/acme")).isTrue();
    assertThat(sent(LOCAL, "http://localhost:8080/acme/deploy", "http://localhost:8080/acme")).isTrue();
  }

  @Test
  void noCredentialsMayGoAnywhere() {
    assertThatCode(() -> AWS.checkMayBeSent("http://git.example.com/acme", new GitCredentials.None()))
        .doesNotThrowAnyException();
  }

  @Test
  void onlyRemoteRepositoriesAreFetchedOutsideTheLocalRunner() {
    for (String remote : List.of("https://github.com/acme/deploy", "http://git.example.com/acme",
        "ssh://git@github.com/acme/deploy", "git@github.com:acme/deploy.git", "oci://ghcr.io/acme/charts")) {
      assertThatCode(() -> AWS.checkRepository(remote)).as(remote).doesNotThrowAnyException();
    }
    for (String local : List.of("file:///srv/git/acme", "/srv/git/acme", "./acme", "../acme", "git://github.com/acme",
        "ext::sh -c touch% /tmp/pwned", "C:\\repos\\acme")) {
      assertThatThrownBy(() -> AWS.checkRepository(local)).as(local).isInstanceOf(SourceException.class)
          .hasMessageContaining("only https://, http://, ssh:// (or git@host:path) and oci://");
      assertThatCode(() -> LOCAL.checkRepository(local)).as(local).doesNotThrowAnyException();
    }
  }

  @Test
  void aCredentialsSecretMustBeAGitCredential() {
    assertThatCode(() -> AWS.checkCredentialsName("https://github.com/acme", "driftless/git/acme"))
        .doesNotThrowAnyException();
    assertThatCode(() -> AWS.checkCredentialsName("https://github.com/acme", null)).doesNotThrowAnyException();
    for (String name : List.of("driftless/clusters/prod", "driftless/refs/acme", "driftless/git/../clusters/prod",
        "git/acme", "driftless/git/")) {
      assertThatThrownBy(() -> AWS.checkCredentialsName("https://github.com/acme", name)).as(name)
          .hasMessage("repository https://github.com/acme: credentials " + name
              + ": refused: a Git credential's secret must be under driftless/git/");
    }
  }
}
