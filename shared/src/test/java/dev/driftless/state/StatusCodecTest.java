package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.DriftlessException;
import dev.driftless.model.OperationOptions;
import dev.driftless.model.ResourceSelector;
import dev.driftless.model.SyncStep;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StatusCodecTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** A status item as the table held it before health and step were typed: the same strings. */
  private static Map<String, AttributeValue> oldRow() {
    Map<String, AttributeValue> i = new HashMap<>(Items.key("APP#shop", "STATUS"));
    i.put("sync", Items.s("OUT_OF_SYNC"));
    i.put("health", Items.s("Progressing"));
    i.put("revision", Items.s("abc123"));
    i.put("opId", Items.s("op-1"));
    i.put("opTrigger", Items.s("PUSH"));
    i.put("opRevision", Items.s("def456"));
    i.put("opStep", Items.s("HEALTH"));
    i.put("opStartedAt", Items.s(T0.toString()));
    i.put("opAttempt", Items.n(2));
    i.put("lastResult", Items.s("RUNNING"));
    i.put("lastMessage", Items.s("1 object(s) still progressing"));
    return i;
  }

  @Test
  void aStatusItemWrittenBeforeTheWordsWereTypedStillDecodes() {
    AppStatus st = StatusCodec.status("shop", oldRow(), Inventory.EMPTY);
    assertThat(st.sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(st.health()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(st.operation()).isEqualTo(new Operation("op-1", Trigger.PUSH, "def456", SyncStep.HEALTH, T0, 2));
    assertThat(st.lastResult()).isEqualTo(OperationResult.RUNNING);
  }

  @Test
  void aRunningPassKeepsItsLeaseExpiryAndTheCountsOfEarlierPasses() {
    AppStatus old = StatusCodec.status("shop", oldRow(), Inventory.EMPTY);
    Operation running = old.operation().counted(Map.of("create", 2)).running(T0, T0.plusSeconds(330));
    AppStatus st = old.ended(old.sync(), old.health(), running, OperationResult.RUNNING, "running", T0);
    assertThat(StatusCodec.status("shop", StatusCodec.status(st), Inventory.EMPTY).operation()).isEqualTo(running);
  }

  @Test
  void theWaveAnAttemptIsHeldBeforeSurvivesTheItemAndLeavesWithTheApplyStep() {
    AppStatus old = StatusCodec.status("shop", oldRow(), Inventory.EMPTY);
    Operation held = old.operation().heldAt(SyncStep.APPLY, 3);
    AppStatus st = old.ended(old.sync(), old.health(), held, OperationResult.RUNNING, "waiting", T0);
    Map<String, AttributeValue> item = StatusCodec.status(st);
    assertThat(item.get("opWave").n()).isEqualTo("3");
    assertThat(StatusCodec.status("shop", item, Inventory.EMPTY).operation()).isEqualTo(held);
    assertThat(held.running(T0, T0.plusSeconds(60)).wave()).as("a pass resuming it").isEqualTo(3);
    assertThat(held.movedTo(SyncStep.HEALTH).wave()).as("past the apply step").isNull();
    assertThat(StatusCodec.status(old.ended(old.sync(), old.health(), held.at(SyncStep.APPLY),
        OperationResult.RUNNING, "waiting", T0))).doesNotContainKey("opWave");
  }

  @Test
  void theOptionsAManualSyncWasAskedWithSurviveTheStatusAndTheHistoryItem() {
    OperationOptions asked = new OperationOptions(true, true,
        List.of(new ResourceSelector("apps", "Deployment", "prod", "web")));
    AppStatus old = StatusCodec.status("shop", oldRow(), Inventory.EMPTY);
    Operation op = old.operation().with(asked).at(SyncStep.HEALTH);
    AppStatus st = old.ended(old.sync(), old.health(), op, OperationResult.RUNNING, "running", T0);
    assertThat(StatusCodec.status("shop", StatusCodec.status(st), Inventory.EMPTY).operation().options())
        .isEqualTo(asked);
    HistoryEntry h = new HistoryEntry("shop", "op-1", T0, Duration.ofSeconds(3), Trigger.MANUAL, "abc123", null, null,
        OperationResult.SUCCEEDED, Map.of("prune", 1), "synced", null, asked);
    assertThat(StatusCodec.history("shop", StatusCodec.history(h, Duration.ofDays(30)))).isEqualTo(h);
  }

  @Test
  void aStatusIsWrittenWithTheSameWordsItWasWrittenWithBefore() {
    AppStatus st = StatusCodec.status("shop", oldRow(), Inventory.EMPTY);
    assertThat(StatusCodec.status(st)).isEqualTo(oldRow());
  }

  @Test
  void aStatusItemWithoutAHealthWordHasAnUnknownHealth() {
    Map<String, AttributeValue> row = oldRow();
    row.remove("health");
    assertThat(StatusCodec.status("shop", row, Inventory.EMPTY).health()).isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void aStepThatIsNoSyncStepFailsNamingTheApplicationAndTheField() {
    Map<String, AttributeValue> row = oldRow();
    row.put("opStep", Items.s("WARP"));
    assertThatThrownBy(() -> StatusCodec.status("shop", row, Inventory.EMPTY))
        .isInstanceOf(DriftlessException.class)
        .hasMessage("status of application shop: opStep WARP is not a sync step");
  }
}
