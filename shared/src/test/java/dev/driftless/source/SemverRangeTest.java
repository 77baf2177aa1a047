package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
