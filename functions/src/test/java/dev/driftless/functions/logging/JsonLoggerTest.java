package dev.driftless.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggerTest {

  private final ObjectMapper json = new ObjectMapper();
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final JsonLogger logger = new JsonLogger("dev.driftless.Test", Level.INFO, mdc);

  @Test
  void aLineCarriesTheMessageLevelLoggerAndEveryContextField() throws Exception {
    mdc.put("application", "web");
    mdc.put("operation", "op-1");
    JsonNode line = json.readTree(logger.line(Instant.parse("2026-01-01T00:00:00Z"), Level.WARN, "synced", null));

    assertThat(line.get("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("logger").asText()).isEqualTo("dev.driftless.Test");
    assertThat(line.get("message").asText()).isEqualTo("synced");
    assertThat(line.get("application").asText()).isEqualTo("web");
    assertThat(line.get("operation").asText()).isEqualTo("op-1");
  }

  @Test
  void aMessageWithNewlinesAndQuotesStaysOneLineThatCannotForgeAnother() throws Exception {
    String forged = "x\"}\n{\"level\":\"ERROR\",\"message\":\"forged";
    String line = logger.line(Instant.EPOCH, Level.INFO, forged, null);

    assertThat(line).doesNotContain("\n");
    assertThat(json.readTree(line).get("message").asText()).isEqualTo(forged);
    assertThat(json.readTree(line).get("level").asText()).isEqualTo("INFO");
  }

  @Test
  void aThrowableIsWrittenAsItsClassAndMessage() throws Exception {
    JsonNode line = json.readTree(logger.line(Instant.EPOCH, Level.ERROR, "failed",
        new IllegalStateException("table gone")));

    assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: table gone");
  }

  @Test
  void linesBelowTheConfiguredLevelAreNotWritten() {
    assertThat(logger.isInfoEnabled()).isTrue();
    assertThat(logger.isDebugEnabled()).isFalse();
    assertThat(LogLevel.parse("debug")).isEqualTo(Level.DEBUG);
    assertThat(LogLevel.parse("loud")).isEqualTo(Level.INFO);
  }
}
