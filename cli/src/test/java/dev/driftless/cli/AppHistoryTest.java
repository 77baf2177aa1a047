package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AppHistoryTest {

  @Test
  void anOperationIdIsShortenedToItsFirstEightCharactersKeepingTheAttempt() {
    assertThat(AppHistory.shortId("0b6e3c1a-5d2f-4e8a-9b7c-1d2e3f4a5b6c")).isEqualTo("0b6e3c1a");
    assertThat(AppHistory.shortId("0b6e3c1a-5d2f-4e8a-9b7c-1d2e3f4a5b6c-2")).isEqualTo("0b6e3c1a-2");
    assertThat(AppHistory.shortId("0b6e3c1a-5d2f-4e8a-9b7c-1d2e3f4a5b6c-abandoned")).isEqualTo("0b6e3c1a-abandoned");
    assertThat(AppHistory.shortId("h1")).isEqualTo("h1");
  }

  @Test
  void theLastColumnIsCutWithAnEllipsisSoThatEveryRowFits() {
    Output.Table t = new Output.Table("ID", "MESSAGE").row("abc", "x".repeat(200)).row("d", "short").fit(40, 12);
    StringWriter out = new StringWriter();
    t.print(new PrintWriter(out));
    assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(out.toString()).contains("x".repeat(33) + Output.ELLIPSIS).contains("d     short");
  }

  @Test
  void whatAnOperationWroteIsShownCreatedConfiguredPrunedWhateverOrderItsPassesCountedThemIn() throws Exception {
    JsonNode counts = ApiClient.JSON.readTree("{\"failed\": 1, \"prune\": 1, \"unchanged\": 4, \"configure\": 2, "
        + "\"create\": 3}");
    assertThat(AppHistory.changes(counts)).isEqualTo("+3 ~2 -1 failed=1");
    assertThat(AppHistory.changes(ApiClient.JSON.readTree("{\"unchanged\": 4}"))).isNull();
  }
}
