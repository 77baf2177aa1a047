package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeRepoTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "https://github.com/acme/deploy",
      "https://github.com/acme/deploy.git",
      "https://GitHub.com/Acme/Deploy.git",
      "https://github.com/acme/deploy/",
      "https://github.com/acme/deploy.git/",
      "http://github.com/acme/deploy",
      "https://x-access-token:abc@github.com/acme/deploy.git",
      "https://github.com:443/acme/deploy",
      "git@github.com:acme/deploy.git",
      "git@github.com:/acme/deploy.git",
      "github.com:acme/deploy",
      "ssh://git@github.com/acme/deploy.git",
      "ssh://git@github.com:22/acme/deploy.git",
      "SSH://git@GITHUB.COM:22/acme/deploy",
      "git+ssh://git@github.com/acme/deploy.git",
      "git://github.com/acme/deploy.git",
      "  https://github.com/acme/deploy.git  "})
  void everyFormOfOneRepositoryNormalisesToHostAndPath(String url) {
    assertThat(ApplicationStore.normalizeRepo(url)).isEqualTo("github.com/acme/deploy");
    assertThat(ApplicationStore.normalizeRepo(ApplicationStore.normalizeRepo(url))).as("idempotent")
        .isEqualTo("github.com/acme/deploy");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://gitlab.example.com/group/sub/project.git, gitlab.example.com/group/sub/project",
      "git@gitlab.example.com:group/sub/project.git, gitlab.example.com/group/sub/project",
      "ssh://git@bitbucket.example.com:7999/proj/repo.git, bitbucket.example.com/proj/repo",
      "https://bitbucket.example.com/scm/proj/repo.git, bitbucket.example.com/scm/proj/repo",
      "file:///tmp/Repos/deploy.git, local/tmp/repos/deploy",
      "/srv/git/deploy.git, local/srv/git/deploy",
      "file:///srv/git/deploy/, local/srv/git/deploy",
      "https://[::1]:8443/acme/deploy, [::1]/acme/deploy"})
  void otherHostsKeepTheirPathAndLocalRepositoriesKeepTheirForm(String url, String expected) {
    assertThat(ApplicationStore.normalizeRepo(url)).isEqualTo(expected);
    assertThat(ApplicationStore.normalizeRepo(expected)).as("idempotent").isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://github.com/acme/other", "https://gitlab.com/acme/deploy",
      "git@github.com:acme/deploy-tools.git"})
  void differentRepositoriesStayApart(String url) {
    assertThat(ApplicationStore.normalizeRepo(url)).isNotEqualTo("github.com/acme/deploy");
  }
}
