package dev.driftless.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.ResourceSelector;
import dev.driftless.state.Trigger;
import org.junit.jupiter.api.Test;

class SyncMessageTest {

  @Test
  void sampleSqsEventCarriesOnePushAndOneScheduledScan() throws Exception {
    JsonNode event = new ObjectMapper().readTree(Files.readString(Path.of("../events/sqs-sync-push.json")));
    List<SyncMessage> messages = new ArrayList<>();
    for (JsonNode r : event.get("Records")) {
      messages.add(SyncMessage.parse(r.get("body").asText(), r.get("messageId").asText()));
      assertThat(r.at("/attributes/MessageGroupId").asText()).isEqualTo(messages.get(messages.size() - 1).application());
    }
    assertThat(messages).containsExactly(
        new SyncMessage("guestbook", Trigger.PUSH, "3f1c9a7e2b4d6f8a0c1e3f5a7b9d1c3e5f7a9b1d",
            Instant.parse("2026-11-24T06:40:00Z")),
        new SyncMessage("shop", Trigger.SCHEDULE, null, Instant.parse("2026-11-24T06:40:00Z")));
  }

  @Test
  void messageRoundTripsThroughJson() {
    SyncMessage m = new SyncMessage("a", Trigger.ROLLBACK, "abc", Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(SyncMessage.parse(m.toJson(), "m1")).isEqualTo(m);
  }

  @Test
  void theOptionsOfAManualSyncTravelWithItsMessageAndBadOnesAreRefused() {
    SyncMessage m = new SyncMessage("a", Trigger.MANUAL, null, Instant.parse("2026-01-01T00:00:00Z"), null, null,
        new OperationOptions(true, false, List.of(new ResourceSelector("", "ConfigMap", "", "settings"))));
    assertThat(m.toJson()).contains("\"options\":{\"prune\":true,\"resources\":");
    assertThat(SyncMessage.parse(m.toJson(), "m1")).isEqualTo(m);
    assertThatThrownBy(() -> SyncMessage.parse("{\"application\": \"a\", \"trigger\": \"manual\", "
        + "\"options\": {\"prune\": 1}}", "m1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message m1: prune must be true or false");
  }

  @Test
  void malformedBodiesAreRefusedNamingTheMessageAndField() {
    assertThatThrownBy(() -> SyncMessage.parse("{not json", "m1")).hasMessage("message m1: body is not JSON");
    assertThatThrownBy(() -> SyncMessage.parse("{\"trigger\":\"push\"}", "m2"))
        .hasMessage("message m2: application is required");
    assertThatThrownBy(() -> SyncMessage.parse("{\"application\":\"a\",\"trigger\":\"explode\"}", "m3"))
        .hasMessageStartingWith("message m3: trigger must be one of");
  }
}
