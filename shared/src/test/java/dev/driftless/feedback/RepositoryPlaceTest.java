package dev.driftless.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A repository URL places a repository on a forge only when its host and path are plain names. */
class RepositoryPlaceTest {

  @Test
  void anHttpsCloneUrlGivesHostAndPathWithoutDotGit() {
    RepositoryPlace p = RepositoryPlace.of("https://GitHub.com/acme/deploy.git").orElseThrow();
    assertThat(p.host()).isEqualTo("github.com");
    assertThat(p.segments()).isEqualTo(List.of("acme", "deploy"));
    assertThat(p.origin()).isEqualTo("https://github.com");
  }

  @Test
  void anScpLikeSshUrlIsReachedOverHttpsOnTheDefaultPort() {
    RepositoryPlace p = RepositoryPlace.of("git@gitlab.com:acme/sub/deploy.git").orElseThrow();
    assertThat(p.origin()).isEqualTo("https://gitlab.com");
    assertThat(p.path()).isEqualTo("acme/sub/deploy");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://git.acme.com/acme/deploy.git",       // plain HTTP off this machine: a token would travel in clear
      "https://github.com/acme/../other/deploy",    // dot segments
      "https://github.com/acme/%2e%2e/deploy",      // escaped dot segments
      "https://github.com/acme/de ploy",            // whitespace
      "https://github.com/acme/.hidden",            // a segment starting with a dot
      "https://github.com/deploy",                  // no owner
      "https://user@github.com/acme/deploy",        // user info on HTTPS
      "/srv/git/deploy",                            // a local path
      "file:///srv/git/deploy"})
  void anAmbiguousOrLocalUrlPlacesNoRepository(String url) {
    assertThat(RepositoryPlace.of(url)).isEmpty();
  }
}
