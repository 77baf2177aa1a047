package dev.driftless.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.reconcile.DetailType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schemas in docs/events/: one per detail type, and each one refuses what its events must not carry. */
class EventSchemaTest {

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(DetailType.class)
  void everyDetailTypeHasASchemaThatNamesIt(DetailType type) throws Exception {
    JsonNode schema = json.readTree(Path.of("../docs/events", type.schemaFile()).toFile());

    assertThat(schema.at("/properties/detail-type/const").asText()).isEqualTo(type.word());
    assertThat(EventSchema.of(type).violations(json.readTree("{}"))).isNotEmpty();
  }

  @Test
  void theSchemasFolderHoldsNoSchemaForAnEventNoLongerEmitted() throws Exception {
    try (var files = Files.list(Path.of("../docs/events"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")))
          .hasSize(DetailType.values().length);
    }
  }

  @Test
  void aDetailWithAFieldTheSchemaDoesNotListOrAWrongTypeIsRefused() throws Exception {
    EventSchema failed = EventSchema.of(DetailType.SYNC_FAILED);
    JsonNode valid = json.readTree("""
        {"source": "driftless", "detail-type": "Sync Failed", "detail": {"application": "web", "operation": "op",
         "trigger": "push", "cluster": "c1", "message": "render failed"}}""");
    JsonNode extra = json.readTree("""
        {"source": "driftless", "detail-type": "Sync Failed", "detail": {"application": "web", "operation": "op",
         "trigger": "push", "cluster": "c1", "message": "m", "manifest": "kind: Secret"}}""");
    JsonNode wrong = json.readTree("""
        {"source": "driftless", "detail-type": "Sync Failed", "detail": {"application": "web", "operation": "op",
         "trigger": "webhook", "cluster": "c1", "message": 3}}""");

    assertThat(failed.violations(valid)).isEmpty();
    assertThat(failed.violations(extra)).containsExactly("$.detail.manifest: not allowed");
    assertThat(failed.violations(wrong)).hasSize(2);
  }
}
