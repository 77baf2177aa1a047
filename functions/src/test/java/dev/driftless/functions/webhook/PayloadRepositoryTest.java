package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadRepositoryTest {

  @Test
  void everyUrlFormOfOneRepositoryNamesIt() {
    PayloadRepository r = PayloadRepository.of(Provider.GITHUB, List.of("https://github.com/acme/deploy.git",
        "git@github.com:acme/deploy.git", "git://github.com/acme/deploy.git", "https://GitHub.com/Acme/Deploy",
        "ssh://git@github.com:22/acme/deploy"));

    assertThat(r.name()).isEqualTo("github.com/acme/deploy");
    assertThat(r.spellings()).containsExactly("github.com/acme/deploy");
  }

  @Test
  void aSecondRepositoryBesideTheFirstIsRefusedAsUnverified() {
    assertThatThrownBy(() -> PayloadRepository.of(Provider.GITHUB, List.of("https://github.com/acme/deploy.git",
        "git@github.com:acme/deploy.git", "https://github.com/other/prod")))
        .isInstanceOfSatisfying(RefusedException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.result().body()).isEqualTo("{\"error\":\"signature does not match\"}");
          assertThat(e.getMessage()).contains("names 2 repositories");
        });
  }

  @Test
  void theSamePathOnAnotherHostIsAnotherRepository() {
    assertThatThrownBy(() -> PayloadRepository.of(Provider.GITEA, List.of("https://gitea.example.com/acme/deploy",
        "git@github.com:acme/deploy.git"))).isInstanceOf(RefusedException.class);
  }

  @Test
  void aDeliveryNamingNoRepositoryIsRefusedAsUnverified() {
    assertThatThrownBy(() -> PayloadRepository.of(Provider.BITBUCKET_DATA_CENTER, List.of()))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void bitbucketDataCenterCloneUrlsOverSshAndHttpNameOneRepositoryWithBothSpellings() {
    PayloadRepository r = PayloadRepository.of(Provider.BITBUCKET_DATA_CENTER, List.of(
        "ssh://git@bitbucket.example.com:7999/acme/deploy.git", "https://bitbucket.example.com/scm/acme/deploy.git"));

    assertThat(r.name()).isEqualTo("bitbucket.example.com/acme/deploy");
    assertThat(r.spellings()).containsExactly("bitbucket.example.com/acme/deploy",
        "bitbucket.example.com/scm/acme/deploy");
  }

  @Test
  void bitbucketDataCenterUnderAContextPathAndAProjectNamedScm() {
    assertThat(PayloadRepository.of(Provider.BITBUCKET_DATA_CENTER, List.of(
        "ssh://git@bitbucket.example.com:7999/acme/deploy.git",
        "https://bitbucket.example.com/bitbucket/scm/acme/deploy.git")).name())
        .isEqualTo("bitbucket.example.com/acme/deploy");
    assertThat(PayloadRepository.of(Provider.BITBUCKET_DATA_CENTER, List.of(
        "ssh://git@bitbucket.example.com:7999/scm/deploy.git", "https://bitbucket.example.com/scm/scm/deploy.git"))
        .name()).isEqualTo("bitbucket.example.com/scm/deploy");
  }

  @Test
  void bitbucketDataCenterHttpUrlOfAnotherProjectIsRefused() {
    assertThatThrownBy(() -> PayloadRepository.of(Provider.BITBUCKET_DATA_CENTER, List.of(
        "ssh://git@bitbucket.example.com:7999/acme/deploy.git", "https://bitbucket.example.com/scm/other/prod.git")))
        .isInstanceOf(RefusedException.class);
  }

  @Test
  void onlyBitbucketDataCenterSpellsARepositoryWithScm() {
    assertThatThrownBy(() -> PayloadRepository.of(Provider.GITHUB, List.of("https://github.com/scm/acme/deploy",
        "git@github.com:acme/deploy.git"))).isInstanceOf(RefusedException.class);
  }
}
