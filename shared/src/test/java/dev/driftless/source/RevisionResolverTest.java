package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.source.RevisionResolver.Target;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.junit.jupiter.api.Test;

class RevisionResolverTest {

  private static final String REPO = "https://git.example.com/acme/deploy.git";
  private static final ObjectId MAIN = id("a1");
  private static final ObjectId DEV = id("b2");
  private static final ObjectId TAG_OBJECT = id("c3");
  private static final ObjectId TAGGED = id("d4");
  private static final ObjectId CLASH_TAG = id("e5");
  private static final ObjectId PR = id("f6");

  private static final Ref MAIN_REF = new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/heads/main", MAIN);
  private static final List<Ref> ADVERTISED = List.of(
      new SymbolicRef("HEAD", MAIN_REF),
      MAIN_REF,
      new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/heads/dev", DEV),
      new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/heads/v1.0.0", DEV),
      new ObjectIdRef.PeeledTag(Ref.Storage.NETWORK, "refs/tags/v1.2.0", TAG_OBJECT, TAGGED),
      new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/tags/v1.0.0", CLASH_TAG),
      new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/pull/1/head", PR));

  private static ObjectId id(String prefix) {
    return ObjectId.fromString((prefix + "0".repeat(40)).substring(0, 40));
  }

  private static Target resolve(String revision) {
    return RevisionResolver.resolve(REPO, revision, ADVERTISED);
  }

  @Test
  void headResolvesToTheBranchItPointsAt() {
    assertThat(resolve("HEAD")).isEqualTo(new Target("HEAD", "refs/heads/main", MAIN, null));
  }

  @Test
  void aBranchNameResolvesToItsTip() {
    assertThat(resolve("dev")).isEqualTo(new Target("dev", "refs/heads/dev", DEV, null));
  }

  @Test
  void anAnnotatedTagResolvesToTheCommitItPeelsTo() {
    assertThat(resolve("v1.2.0")).isEqualTo(new Target("v1.2.0", "refs/tags/v1.2.0", TAGGED, null));
  }

  @Test
  void aTagWinsOverABranchOfTheSameNameAsInGit() {
    assertThat(resolve("v1.0.0").ref()).isEqualTo("refs/tags/v1.0.0");
  }

  @Test
  void aFullRefResolvesExactly() {
    assertThat(resolve("refs/pull/1/head")).isEqualTo(new Target("refs/pull/1/head", "refs/pull/1/head", PR, null));
    assertThat(resolve("refs/heads/v1.0.0").commit()).isEqualTo(DEV);
  }

  @Test
  void aFullShaIsTakenAsIsEvenWhenNoRefPointsAtIt() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertThat(resolve(sha.toUpperCase())).isEqualTo(new Target(sha.toUpperCase(), null, ObjectId.fromString(sha), null));
  }

  @Test
  void anAbbreviatedShaOfAnAdvertisedTipResolvesToIt() {
    assertThat(resolve("f600000")).isEqualTo(new Target("f600000", null, PR, null));
  }

  @Test
  void anAbbreviatedShaNotAdvertisedIsLeftToExpandAfterAFullFetch() {
    assertThat(resolve("abcdef1")).isEqualTo(new Target("abcdef1", null, null, "abcdef1"));
  }

  @Test
  void aSemverRangePicksTheHighestMatchingTag() {
    assertThat(resolve("^1.0")).isEqualTo(new Target("^1.0", "refs/tags/v1.2.0", TAGGED, null));
  }

  @Test
  void anUnknownNameIsRefusedNamingTheRepositoryAndRevision() {
    assertThatThrownBy(() -> resolve("feature-x"))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.failure()).isEqualTo(SourceException.Failure.REVISION_NOT_FOUND))
        .hasMessage("repository " + REPO + ": revision feature-x not found: no branch, tag or ref of that name");
  }

  @Test
  void aRangeNoTagSatisfiesIsRefusedSayingSo() {
    assertThatThrownBy(() -> resolve(">=3.0.0")).hasMessageEndingWith("no tag matches the semver range");
  }

  @Test
  void anUnknownFullRefIsRefused() {
    assertThatThrownBy(() -> resolve("refs/heads/nope")).hasMessageContaining("revision refs/heads/nope not found");
  }

  @Test
  void userInfoInTheUrlNeverReachesTheMessage() {
    assertThatThrownBy(() -> RevisionResolver.resolve("https://bot:s3cr3t@git.example.com/x.git", "nope", ADVERTISED))
        .hasMessageStartingWith("repository https://***@git.example.com/x.git:")
        .message().doesNotContain("s3cr3t");
  }
}
