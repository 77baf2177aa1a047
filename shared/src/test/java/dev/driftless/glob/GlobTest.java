package dev.driftless.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1} (separator {2}): {3}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "*|anything/at/all|/|true",
      "*|''|null|true",
      "team-*|team-a|null|true",
      "team-*|other|null|false",
      "github.com/acme/*|github.com/acme/web|/|true",
      "github.com/acme/*|github.com/acme/web/sub|/|false",
      "github.com/acme/**|github.com/acme/web/sub|/|true",
      "ap?|app|null|true",
      "ap?|apps|null|false",
      "[ab]-x|b-x|null|true",
      "[!ab]-x|b-x|null|false",
      "{dev,prod}-*|prod-eu|null|true",
      "{dev,prod}-*|test-eu|null|false",
      "''|''|null|true",
      "''|apps|null|false",
      "a.b|axb|null|false",
  })
  void matchesAsArgoCdsGlobsDo(String pattern, String text, Character separator, boolean expected) {
    assertThat(Glob.matches(pattern, text, separator)).isEqualTo(expected);
  }

  @Test
  void aStarOnlyGlobReadsEveryCharacterButStarLiterally() {
    assertThat(Glob.starOnly("role/ci-?").matches("role/ci-a")).isFalse();
    assertThat(Glob.starOnly("role/ci-?").matches("role/ci-?")).isTrue();
    assertThat(Glob.starOnly("role/{ops,dev}").matches("role/ops")).isFalse();
    assertThat(Glob.starOnly("role/[ab]").matches("role/a")).isFalse();
    assertThat(Glob.starOnly("user/a,b\\c").matches("user/a,b\\c")).isTrue();
  }

  @Test
  void inAStarOnlyGlobStarCrossesSlashes() {
    assertThat(Glob.starOnly("user/*").matches("user/dev/ada")).isTrue();
    assertThat(Glob.starOnly("*").matches("")).isTrue();
    assertThat(Glob.starOnly("team-*").matches("other")).isFalse();
    assertThat(Glob.starOnly("team-*").text()).isEqualTo("team-*");
  }
}
