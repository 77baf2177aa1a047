package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverRangeTest {

  private static final List<String> TAGS = List.of(
      "refs/tags/v1.0.0", "refs/tags/v1.2.0", "refs/tags/v1.2.5", "refs/tags/v1.3.0", "refs/tags/v1.10.0",
      "refs/tags/v2.0.0", "refs/tags/v2.1.0-rc.1", "refs/tags/0.1.0", "refs/tags/0.1.5", "refs/tags/0.2.0",
      "refs/tags/release-3", "refs/tags/v3.0.0-beta.2", "refs/tags/v3.0.0-beta.10", "refs/tags/latest");

  @ParameterizedTest(name = "{0} picks {1}")
  @CsvSource(delimiterString = " -> ", value = {
      ">=1.2.0 <2.0.0 -> refs/tags/v1.10.0",
      ">= 1.2.0, < 1.3.0 -> refs/tags/v1.2.5",
      "^1.2 -> refs/tags/v1.10.0",
      "^1.2.5 -> refs/tags/v1.10.0",
      "~1.2.3 -> refs/tags/v1.2.5",
      "~1.2 -> refs/tags/v1.2.5",
      "~1 -> refs/tags/v1.10.0",
      "1.x -> refs/tags/v1.10.0",
      "v1.2.x -> refs/tags/v1.2.5",
      "1.2.* -> refs/tags/v1.2.5",
      "* -> refs/tags/v2.0.0",
      "x -> refs/tags/v2.0.0",
      "^0.1.0 -> refs/tags/0.1.5",
      "^0.1 -> refs/tags/0.1.5",
      "^0 -> refs/tags/0.2.0",
      "<1.2.0 || >=2.0.0 <3.0.0 -> refs/tags/v2.0.0",
      "1.2.0 - 1.3 -> refs/tags/v1.3.0",
      "1.2.0 - 1.3.0 -> refs/tags/v1.3.0",
      "=1.2.0 -> refs/tags/v1.2.0",
      "1.2.0 -> refs/tags/v1.2.0",
      ">1.3 -> refs/tags/v2.0.0",
      "<=1.2 -> refs/tags/v1.2.5",
      "<1.2 -> refs/tags/v1.0.0",
      ">=3.0.0-beta.1 -> refs/tags/v3.0.0-beta.10",
      ">=2.1.0-rc.0 <2.2.0 -> refs/tags/v2.1.0-rc.1",
  })
  void picksTheHighestTagInRange(String range, String expected) {
    assertThat(SemverRange.parse(range)).as("parses %s", range).isPresent();
    assertThat(SemverRange.parse(range).get().highest(TAGS)).contains(expected);
  }

  @ParameterizedTest(name = "{0} matches no tag")
  @ValueSource(strings = {">5", "1.2.3", "~2.1", "^4", "<*", "<0.1.0"})
  void aRangeNoTagSatisfiesPicksNothing(String range) {
    assertThat(SemverRange.parse(range)).isPresent();
    assertThat(SemverRange.parse(range).get().highest(TAGS)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is not a range")
  @ValueSource(strings = {"main", "feature-1", "release-3", "deadbeef", "1234abc", "HEAD", "refs/heads/main",
      "latest", ">=", "1.2.3.4", "", " "})
  void branchNamesAndShasAreNotRanges(String text) {
    assertThat(SemverRange.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({
      "1.0.0-alpha, 1.0.0-alpha.1", "1.0.0-alpha.1, 1.0.0-alpha.beta", "1.0.0-alpha.beta, 1.0.0-beta",
      "1.0.0-beta, 1.0.0-beta.2", "1.0.0-beta.2, 1.0.0-beta.11", "1.0.0-beta.11, 1.0.0-rc.1",
      "1.0.0-rc.1, 1.0.0", "1.9.0, 1.10.0", "v1.0.0, 2.0.0"})
  void versionsOrderAsSemverSays(String lower, String higher) {
    assertThat(Semver.parse(lower).orElseThrow()).isLessThan(Semver.parse(higher).orElseThrow());
  }

  @ParameterizedTest(name = "{0} and {1} tie, the greater name wins")
  @CsvSource({"refs/tags/1.2.0, refs/tags/v1.2.0"})
  void equalVersionsPickAStableName(String a, String b) {
    SemverRange range = SemverRange.parse("1.2.x").orElseThrow();
    assertThat(range.highest(List.of(a, b))).contains(b);
    assertThat(range.highest(List.of(b, a))).contains(b);
  }

  /**
   * Masterminds semver's documented examples (its README: basic comparisons, hyphen ranges, wildcards, tilde,
   * caret, pre-releases) and rows of its own constraint tests: what Argo CD and Flux answer for the same pair.
   */
  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource(delimiterString = " ; ", textBlock = """
      # basic comparisons, AND by comma or space, OR by ||
      >= 1.2, < 3.0.0 || >= 4.2.3 ; 2.9.9 ; true
      >= 1.2, < 3.0.0 || >= 4.2.3 ; 3.5.0 ; false
      >= 1.2, < 3.0.0 || >= 4.2.3 ; 4.2.3 ; true
      >= 1.2.3 ; 1.3 ; true
      =2.0 ; 2.0.1 ; true
      = 2.0 ; 1.2.3 ; false
      4.1 ; 4.1.0 ; true
      2 ; 2.1.1 ; true
      2 ; 3.4.5 ; false
      =0 ; 1.0.0 ; false
      =>1.2 ; 1.2.0 ; true
      =<1.2 ; 1.2.9 ; true
      >0 ; 0.0.0 ; false
      >0 ; 1.0.0 ; true
      <11 ; 11.1.0 ; false
      <=11 ; 11.2.3 ; true
      <=11 ; 12.2.3 ; false
      >11 ; 11.1.0 ; false
      >11.1 ; 11.1.1 ; false
      >11.1 ; 11.2.1 ; true
      >1.1, <2 ; 1.1.1 ; false
      >1.1 <2 ; 1.2.1 ; true
      > 1.1, <     2 ; 1.1.1 ; false
      <=4.5 ; 3.7.0 ; true
      <=4.5 ; 4.6.3 ; false
      # hyphen ranges: 1.2 - 1.4.5 is >= 1.2, <= 1.4.5
      1.2 - 1.4.5 ; 1.2.0 ; true
      1.2 - 1.4.5 ; 1.4.5 ; true
      1.2 - 1.4.5 ; 1.4.6 ; false
      2.3.4 - 4.5 ; 4.5.9 ; true
      2.3.4 - 4.5 ; 4.6.0 ; false
      2.3.4 - 4.5 ; 2.3.3 ; false
      1.1 - 2 ; 1.1.1 ; true
      1.1 - 3 ; 4.3.2 ; false
      1.1-3 ; 4.3.2 ; false
      # wildcards: 1.2.x is >= 1.2.0, < 1.3.0; >= 1.2.x is >= 1.2.0; <= 2.x is < 3; * is >= 0.0.0
      1.2.x ; 1.2.99 ; true
      1.2.x ; 1.3.0 ; false
      >= 1.2.x ; 5.0.0 ; true
      >= 1.2.x ; 1.1.9 ; false
      <= 2.x ; 2.99.0 ; true
      <= 2.x ; 3.0.0 ; false
      <1.x ; 0.1.1 ; true
      <1.x ; 1.1.1 ; false
      <1.1.x ; 1.0.500 ; true
      <1.1.x ; 1.1.500 ; false
      * ; 0.0.1 ; true
      * ; 4.5.6 ; true
      0.x.x ; 1.2.3 ; false
      2.* ; 2.1.1 ; true
      2.1.* ; 2.2.1 ; false
      # tilde: ~1.2.3 is >= 1.2.3, < 1.3.0; ~1 is >= 1, < 2
      ~1.2.3 ; 1.2.5 ; true
      ~1.2.3 ; 1.2.2 ; false
      ~1.2.3 ; 1.3.2 ; false
      ~1 ; 1.3.5 ; true
      ~1 ; 2.1.1 ; false
      ~2.3 ; 2.3.9 ; true
      ~2.3 ; 2.4.0 ; false
      ~1.2.x ; 1.3.0 ; false
      ~1.x ; 1.4 ; true
      ~>1.2 ; 1.2.7 ; true
      ~* ; 2.1.1 ; true
      ~0.0.0 ; 1.2.3 ; true
      # caret: ^1.2.3 is >= 1.2.3, < 2.0.0; before 1.0.0 the minor (or the patch) is the stable part
      ^1.2.3 ; 1.8.9 ; true
      ^1.2.3 ; 1.2.1 ; false
      ^1.2.3 ; 2.8.9 ; false
      ^1.2.x ; 1.9.0 ; true
      ^2.3 ; 3.0.0 ; false
      ^2.x ; 2.0.0 ; true
      ^1.12.7 ; 1.6.6 ; false
      ^0.2.3 ; 0.2.9 ; true
      ^0.2.3 ; 0.3.0 ; false
      ^0.2 ; 0.2.5 ; true
      ^0.2 ; 0.5.6 ; false
      ^0.0.3 ; 0.0.3 ; true
      ^0.0.3 ; 0.0.4 ; false
      ^0.0 ; 0.0.9 ; true
      ^0.0 ; 0.1.0 ; false
      ^0 ; 0.9.9 ; true
      ^0 ; 1.0.0 ; false
      ^0.0.0 ; 1.2.3 ; false
      """)
  void rangesMatchAsMastermindsSemverDocumentsThem(String range, String version, boolean matches) {
    assertThat(admits(range, version)).isEqualTo(matches);
  }

  /** Argo CD's tracking strategies table and its note on pre-releases; Flux's semver refs. */
  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource(delimiterString = " ; ", textBlock = """
      # Argo CD: pin, track patches, track minor releases, the latest, the latest including pre-releases
      1.2.0 ; 1.2.0 ; true
      1.2.0 ; 1.2.1 ; false
      1.2.* ; 1.2.7 ; true
      1.2.* ; 1.3.0 ; false
      >=1.2.0 <1.3.0 ; 1.2.7 ; true
      >=1.2.0 <1.3.0 ; 1.3.0 ; false
      1.* ; 1.9.0 ; true
      1.* ; 2.0.0 ; false
      >=1.0.0 <2.0.0 ; 1.9.0 ; true
      * ; 9.9.9 ; true
      * ; 9.9.9-rc.1 ; false
      >=0.0.0 ; 9.9.9-rc.1 ; false
      *-0 ; 9.9.9-rc.1 ; true
      *-0 ; 9.9.9 ; true
      >=0.0.0-0 ; 9.9.9-rc.1 ; true
      >=1.2.2 ; 1.3.0-beta ; false
      >=1.2.2-0 ; 1.3.0-beta ; true
      # Flux: a chart version range, and an OCI semver range that opts in to release candidates
      5.0.x ; 5.0.3 ; true
      5.0.x ; 5.1.0 ; false
      >= 6.1.x-0 ; 6.1.0-rc.1 ; true
      >= 6.1.x-0 ; 6.2.0-rc.1 ; true
      >= 6.1.x-0 ; 6.0.9 ; false
      """)
  void rangesMatchAsArgoCdAndFluxDocumentThem(String range, String version, boolean matches) {
    assertThat(admits(range, version)).isEqualTo(matches);
  }

  /**
   * A pre-release is admitted only by an alternative that names a pre-release in one of its terms; then every term
   * of that alternative compares it in semver order, whatever its major.minor.patch.
   */
  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource(delimiterString = " ; ", textBlock = """
      > 1.2.3 ; 1.2.3-beta.1 ; false
      >=1.1 ; 4.1.0-beta ; false
      ^1.x ; 1.1.1-beta1 ; false
      ~1.1 ; 1.1.1-alpha ; false
      >=1.2.3-0 ; 1.2.3-alpha ; true
      >=1.2.3-0 ; 1.2.4-beta ; true
      >=1.2.3-0 <2.0.0 ; 1.5.0-beta ; true
      >=1.2.3-0 <2.0.0 ; 2.0.0-beta ; true
      >=1.2.3-0 || <2.0.0 ; 1.0.0-beta ; false
      >=1.2.3-BETA ; 1.2.3-alpha ; true
      >0.0.0-0 ; 0.0.0-alpha ; true
      <0-z ; 0.0.0-alpha ; true
      ~1.2.3-beta.2 ; 1.2.3-beta.4 ; true
      ~1.2.3-beta.2 ; 1.2.4-beta.2 ; true
      ~1.2.3-beta.2 ; 1.3.4-beta.2 ; false
      ~1.1.1-beta ; 1.1.1-alpha ; false
      ~1.1.1-beta ; 1.1.1 ; true
      ^1.2.0-alpha.0 ; 1.2.1-alpha.1 ; true
      ^1.2.0-alpha.2 ; 1.2.0-alpha.1 ; false
      ^1.1.2-alpha ; 1.2.1-beta1 ; true
      ^0.2.3-beta.2 ; 0.2.4-beta.2 ; true
      ^0.2.3-beta.2 ; 0.3.4-beta.2 ; false
      """)
  void preReleasesMatchOnlyWhenTheAlternativeNamesOne(String range, String version, boolean matches) {
    assertThat(admits(range, version)).isEqualTo(matches);
  }

  /** {@code !=} excludes one version, or every version a wildcard covers. */
  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource(delimiterString = " ; ", textBlock = """
      !=4.1.0 ; 4.1.0 ; false
      !=4.1.0 ; 4.1.1 ; true
      != 4.1.0 ; 4.1.1 ; true
      !=4.1 ; 4.1.1 ; false
      !=4.1 ; 5.1.0 ; true
      !=4.x ; 4.1.0 ; false
      !=4.x ; 5.1.0 ; true
      !=4.2.x ; 4.2.3 ; false
      !=4.1.x ; 4.2.0 ; true
      !=4.1 ; 5.1.0-alpha.1 ; false
      !=4.1-alpha ; 4.1.0 ; true
      !=4.1-alpha ; 4.1.0-alpha ; false
      >=1.1, <2, !=1.2.3 ; 1.2.3 ; false
      >=1.1 <2 !=1.2.3 ; 1.2.4 ; true
      >=1.1, <2, !=1.2.3 || > 3 ; 4.1.2 ; true
      >=1.1, <2, !=1.2.3 || > 3 ; 3.0.0 ; false
      >=1.1, <2, !=1.2.3 || >= 3 ; 3.0.0 ; true
      """)
  void notEqualExcludesWhatItNames(String range, String version, boolean matches) {
    assertThat(admits(range, version)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0} is not a range")
  @ValueSource(strings = {">= bar", "BAR >= 1.2.3", "12.3.4.1234", "12.3.34~ 1.2.3", "1.2 | 1.3", "1.2,,1.3", "1.2,",
      ">=1.2 ||", "1.2.3-01", "99999999999999999999", "V1.2.3"})
  void malformedRangesAreNotRanges(String text) {
    assertThat(SemverRange.parse(text)).isEmpty();
  }

  @Test
  void aRangeLongerThanMastermindsAllowsIsNotARange() {
    assertThat(SemverRange.parse(">=1.0.0 " + "!=1.0.1 ".repeat(70))).isEmpty();
    assertThat(SemverRange.parse(String.join(" || ", Collections.nCopies(33, "1")))).isEmpty();
  }

  @ParameterizedTest(name = "{0} parses as {1}")
  @CsvSource({"v1.2.3, 1.2.3", "1.2, 1.2.0", "v2, 2.0.0", "01.002.3, 1.2.3", "1.2.3-rc.1+build.5, 1.2.3-rc.1",
      "1.2.3+build.5, 1.2.3"})
  void tagsParseAsArgoCdAndFluxReadThem(String tag, String version) {
    assertThat(Semver.parse(tag)).hasValueSatisfying(v -> assertThat(v).hasToString(version));
  }

  @ParameterizedTest(name = "{0} is not a version")
  @ValueSource(strings = {"V1.2.3", "1.2.3-01", "1.2.3.4", "1.2.3-", "1.2.3+", "release-3", "99999999999999999999"})
  void tagsArgoCdAndFluxDoNotReadAreNotVersions(String tag) {
    assertThat(Semver.parse(tag)).isEmpty();
  }

  @Test
  void buildMetadataPlaysNoPartInWhichTagWins() {
    SemverRange range = SemverRange.parse("^1.0").orElseThrow();
    assertThat(range.highest(List.of("v1.2.0+build.9", "v1.2.0+build.10", "v1.1.0+build.99")))
        .contains("v1.2.0+build.9");
    assertThat(range.highest(List.of("v1.2.0+build.10", "v1.3.0-rc.1", "v1.2.0"))).contains("v1.2.0+build.10");
  }

  private static boolean admits(String range, String version) {
    SemverRange r = SemverRange.parse(range).orElseThrow(() -> new AssertionError(range + " does not parse"));
    return r.matches(Semver.parse(version).orElseThrow(() -> new AssertionError(version + " does not parse")));
  }
}
