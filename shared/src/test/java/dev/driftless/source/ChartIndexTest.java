package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.source.SourceException.Failure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which listed version of a chart a targetRevision picks, as helm and Argo CD pick it. */
class ChartIndexTest {

  private static final byte[] INDEX = """
      apiVersion: v1
      entries:
        web:
        - {version: 2.0.0, urls: [web-2.0.0.tgz], digest: %s}
        - {version: 1.3.0-rc.1, urls: [web-1.3.0-rc.1.tgz]}
        - {version: 1.2.0, urls: [web-1.2.0.tgz], created: "2026-11-01T10:00:00Z"}
        - {version: 1.0.0, urls: [web-1.0.0.tgz]}
        - {version: 0.9.0, urls: []}
      """.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @CsvSource({
      "'^1.0', 1.2.0", "'~1.2', 1.2.0", "'>=1.0.0 <2.0.0', 1.2.0", "'*', 2.0.0", "HEAD, 2.0.0", "'', 2.0.0",
      "1.3.0-rc.1, 1.3.0-rc.1", "'>=1.3.0-0 <2.0.0', 1.3.0-rc.1", "1.0.0, 1.0.0", "'1.x', 1.2.0"})
  void theExactVersionElseTheHighestReleaseInTheRangeIsPicked(String revision, String version) {
    assertThat(ChartIndex.pick(INDEX, "web", revision, "repo").version()).isEqualTo(version);
  }

  @Test
  void theIndexsDigestAndCreationTimeAreKept() {
    assertThat(ChartIndex.pick(INDEX, "web", "2.0.0", "repo").digest()).isEqualTo("a".repeat(64));
    assertThat(ChartIndex.pick(INDEX, "web", "1.2.0", "repo").created()).hasToString("2026-11-01T10:00:00Z");
    assertThat(ChartIndex.pick(INDEX, "web", "1.0.0", "repo").digest()).isNull();
  }

  @Test
  void aVersionWithoutDownloadUrlsIsNotListed() {
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> ChartIndex.pick(INDEX, "web", "0.9.0", "repo"));
    assertThat(e.failure()).isEqualTo(Failure.REVISION_NOT_FOUND);
    assertThat(e).hasMessage("repo: no version of web in range 0.9.0 (the index lists 4)");
  }

  @Test
  void aChartTheIndexDoesNotListFailsNamingIt() {
    assertThat(catchThrowableOfType(SourceException.class, () -> ChartIndex.pick(INDEX, "api", "*", "repo")))
        .hasMessage("repo: the index lists no chart api");
  }

  @Test
  void anIndexThatIsNotYamlFailsWithoutQuotingIt() {
    assertThat(catchThrowableOfType(SourceException.class, () -> ChartIndex.pick("entries: [unclosed secret-text"
        .getBytes(StandardCharsets.UTF_8), "web", "*", "repo")))
        .hasMessage("repo: index.yaml is not a readable chart repository index");
  }

  @Test
  void aVersionIsAdmittedByTheRangeItWasPickedFrom() {
    assertThat(ChartIndex.admits("^1.0", "1.2.0")).isTrue();
    assertThat(ChartIndex.admits("^1.0", "2.0.0")).isFalse();
    assertThat(ChartIndex.admits("1.3.0-rc.1", "1.3.0-rc.1")).isTrue();
  }
}
