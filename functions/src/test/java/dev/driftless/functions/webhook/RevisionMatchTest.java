package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevisionMatchTest {

  private static final String SHA = "9c4f1e2d3b5a69788a7b6c5d4e3f2a1b0c9d8e7f";
  private static final String ZEROS = "0000000000000000000000000000000000000000";

  @ParameterizedTest(name = "targetRevision {0}, push {1}, default branch {2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      // branch names
      "main, refs/heads/main, -, true",
      "main, refs/heads/main-next, -, false",
      "main, refs/heads/feature/main, -, false",
      "release/1.x, refs/heads/release/1.x, -, true",
      // full refs isolate branch from tag of the same name
      "refs/heads/release, refs/heads/release, -, true",
      "refs/heads/release, refs/tags/release, -, false",
      "refs/tags/release, refs/tags/release, -, true",
      "refs/tags/release, refs/heads/release, -, false",
      // a short name is a tag or a branch of that name (Git resolves it to the tag when both exist)
      "v1.2.3, refs/tags/v1.2.3, -, true",
      "stable, refs/tags/stable, -, true",
      // semver ranges match tags only
      "^1.2, refs/tags/v1.3.0, -, true",
      "^1.2, refs/tags/v2.0.0, -, false",
      "^1.2, refs/heads/v1.3.0, -, false",
      ">=1.0.0 <2.0.0, refs/tags/1.9.9, -, true",
      "~1.2.0, refs/tags/v1.2.9, -, true",
      "1.x, refs/tags/v1.4.0-rc.1, -, false",
      // HEAD follows the default branch when the payload names it, else matches nothing
      "HEAD, refs/heads/main, main, true",
      "HEAD, refs/heads/dev, main, false",
      "HEAD, refs/tags/main, main, false",
      "HEAD, refs/heads/main, -, false",
      "-, refs/heads/main, main, true",
      "-, refs/heads/main, -, false",
      // pinned commits never move
      SHA + ", refs/heads/main, main, false",
      // unicode names compare as they are
      "déploiement, refs/heads/déploiement, -, true",
      "déploiement, refs/heads/deploiement, -, false"})
  void aPushMatchesWhenItCanChangeWhatTheTargetRevisionResolvesTo(String target, String ref, String defaultBranch,
      boolean expected) {
    assertThat(RevisionMatch.matches(target, new RefUpdate(ref, ZEROS, SHA), defaultBranch)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"main, refs/heads/main", "v1.2.3, refs/tags/v1.2.3", "^1, refs/tags/v1.0.0", "HEAD, refs/heads/main"})
  void aDeletedRefMatchesNothing(String target, String ref) {
    assertThat(RevisionMatch.matches(target, new RefUpdate(ref, SHA, ZEROS), "main")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"refs/notes/commits", "refs/pull/1/head", "refs/merge-requests/4/head"})
  void refsThatAreNeitherBranchesNorTagsMatchNothing(String ref) {
    assertThat(RevisionMatch.matches(ref, new RefUpdate(ref, ZEROS, SHA), "main")).isFalse();
  }
}
