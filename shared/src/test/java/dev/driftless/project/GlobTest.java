package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;

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
}
