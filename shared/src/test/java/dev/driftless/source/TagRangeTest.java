package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagRangeTest {

  @Test
  void rangesAdmitTagsInRangeByShortOrFullName() {
    TagRange r = TagRange.parse("^1.2").orElseThrow();
    assertThat(r.admits("v1.3.0")).isTrue();
    assertThat(r.admits("refs/tags/v1.2.7")).isTrue();
    assertThat(r.admits("refs/tags/v2.0.0")).isFalse();
    assertThat(r.admits("refs/tags/latest")).isFalse();
    assertThat(r.admits("v1.4.0-rc.1")).isFalse();
  }

  @Test
  void branchNamesAreNotRanges() {
    assertThat(TagRange.parse("main")).isEmpty();
    assertThat(TagRange.parse("release/1.2")).isEmpty();
  }

  @Test
  void aRangeThatNamesAPreReleaseAdmitsPreReleaseTagsOfAnyVersionInIt() {
    TagRange r = TagRange.parse(">=1.2.0-0 <2.0.0").orElseThrow();
    assertThat(r.admits("refs/tags/v1.4.0-rc.1")).isTrue();
    assertThat(r.admits("refs/tags/v2.0.0-rc.1")).isTrue();
    assertThat(r.admits("refs/tags/v2.0.0")).isFalse();
  }

  @Test
  void notEqualKeepsAnExcludedReleaseFromMovingTheRange() {
    TagRange r = TagRange.parse("^1.2, !=1.3.0").orElseThrow();
    assertThat(r.admits("v1.3.0")).isFalse();
    assertThat(r.admits("v1.3.1")).isTrue();
  }
}
