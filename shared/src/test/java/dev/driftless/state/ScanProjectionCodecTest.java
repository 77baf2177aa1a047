package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ScanProjectionCodecTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final String DOC = """
      apiVersion: driftless.dev/v1alpha1
      kind: Application
      metadata: {name: shop}
      spec:
        source: {repoURL: https://git.example.com/acme/deploy.git, targetRevision: main, path: apps}
        destination: {cluster: prod, namespace: shop}
        syncPolicy: {automated: {prune: true}}
      """;
  private static final Inventory INVENTORY = new Inventory(Map.of(
      new ObjectKey("apps", "Deployment", "shop", "web"),
      new Inventory.Entry("apps/v1", "d1", "41", "o1", 0),
      new ObjectKey("", "ConfigMap", "shop", "web"), new Inventory.Entry("v1", "d2", "42", "o2", -1)));

  private final ApplicationStore applications = new ApplicationStore(null, "t", Clock.systemUTC());

  /** A synced status whose last plan read one secret version, as a scan finds most Applications. */
  private static AppStatus synced() {
    return AppStatus.initial("shop").at("3f1c9a7e2b4d", T0, SyncStatus.SYNCED, HealthStatus.HEALTHY,
        OperationResult.SUCCEEDED, "synced to 3f1c9a7e2b4d: 2 applied", T0)
        .basedOn(new ScanBasis("3f1c9a7e2b4d", 3, Map.of("driftless/refs/db", "v2")))
        .withInventory(INVENTORY);
  }

  private static AppStatus running(AppStatus st, Operation op) {
    return st.ended(st.sync(), st.health(), op, OperationResult.RUNNING, "running", T0.plusSeconds(5));
  }

  @Test
  void aProjectionGivesBackTheDocumentVersionStatusAndInventoryAScanComparesWith() {
    ApplicationStore.Stored spec = applications.fromItem("shop",
        Map.of("document", Items.s(DOC), "version", Items.n(3))).orElseThrow();
    Map<String, AttributeValue> item = ScanProjectionCodec.encode("prod", spec, synced(),
        InventoryCodec.encode(INVENTORY));

    StatusStore.Snapshot read = ScanProjectionCodec.decode("shop", item, applications).orElseThrow();

    assertThat(item.get(StateTable.PK).s()).isEqualTo("SCAN#prod");
    assertThat(item.get(StateTable.SK).s()).isEqualTo("APP#shop");
    assertThat(read.application()).isEqualTo(spec);
    assertThat(read.status()).isEqualTo(ScanProjectionCodec.projected(synced()).withInventory(INVENTORY));
    assertThat(ScanProjectionCodec.digest(read.status())).isEqualTo(ScanProjectionCodec.digest(synced()));
  }

  @Test
  void anInvalidatedOrLargeItemHoldsNoProjectionAndEachInvalidationHasANewGeneration() {
    Map<String, AttributeValue> first = ScanProjectionCodec.invalidated("prod", "shop");
    Map<String, AttributeValue> second = ScanProjectionCodec.invalidated("prod", "shop");
    assertThat(ScanProjectionCodec.decode("shop", first, applications)).isEmpty();
    assertThat(first.get(ScanProjectionCodec.GEN)).isNotEqualTo(second.get(ScanProjectionCodec.GEN));

    ApplicationStore.Stored spec = applications.fromItem("shop",
        Map.of("document", Items.s(DOC), "version", Items.n(3))).orElseThrow();
    Map<String, AttributeValue> large = ScanProjectionCodec.encode("prod", spec, synced(),
        new byte[ScanProjectionCodec.MAX_BYTES]);
    assertThat(ScanProjectionCodec.isLarge(large)).isTrue();
    assertThat(ScanProjectionCodec.decode("shop", large, applications)).isEmpty();
    assertThat(ScanProjectionCodec.isLarge(first)).isFalse();
  }

  @Test
  void whatARunningPassRewritesLeavesTheProjectionUnchanged() {
    AppStatus st = synced();
    Operation op = Operation.start("op-1", Trigger.PUSH, "9a8b7c", T0).running(T0, T0.plusSeconds(330));
    String started = ScanProjectionCodec.digest(running(st, op));

    Operation later = op.movedTo(SyncStep.APPLY).counted(Map.of("create", 2)).running(T0, T0.plusSeconds(990));
    AppStatus progressed = running(st, later).ended(SyncStatus.SYNCED, HealthStatus.HEALTHY, later,
        OperationResult.RUNNING, "applying wave 2", T0.plusSeconds(60));

    assertThat(ScanProjectionCodec.digest(progressed)).isEqualTo(started);
    assertThat(ScanProjectionCodec.digest(st.assessed(st.sync(), st.health(), T0.plusSeconds(600))))
        .as("the same status written later").isEqualTo(ScanProjectionCodec.digest(st));
  }

  @Test
  void whatAScanDecidesByChangesTheProjection() {
    AppStatus st = synced();
    String digest = ScanProjectionCodec.digest(st);
    Operation op = Operation.start("op-1", Trigger.PUSH, "9a8b7c", T0);
    Map<String, AppStatus> changed = new HashMap<>();
    changed.put("an operation starts", running(st, op));
    changed.put("its retry", running(st, op.retry()));
    changed.put("health", st.assessed(st.sync(), HealthStatus.DEGRADED, T0));
    changed.put("sync status", st.assessed(SyncStatus.OUT_OF_SYNC, st.health(), T0));
    changed.put("a new basis commit", st.basedOn(new ScanBasis("9a8b7c", 3, Map.of("driftless/refs/db", "v2"))));
    changed.put("a new spec version", st.basedOn(new ScanBasis("3f1c9a7e2b4d", 4, Map.of("driftless/refs/db", "v2"))));
    changed.put("a rotated secret", st.basedOn(new ScanBasis("3f1c9a7e2b4d", 3, Map.of("driftless/refs/db", "v3"))));
    changed.put("a failed commit", st.failedAt("9a8b7c"));
    changed.put("a new revision", st.at("9a8b7c", T0, SyncStatus.SYNCED, HealthStatus.HEALTHY,
        OperationResult.SUCCEEDED, "synced", T0));
    changed.forEach((what, after) -> assertThat(ScanProjectionCodec.digest(after)).as(what).isNotEqualTo(digest));
    assertThat(ScanProjectionCodec.digest(running(st, op).ended(SyncStatus.SYNCED, HealthStatus.HEALTHY, null,
        OperationResult.SUCCEEDED, "done", T0))).as("the operation ended as it began").isEqualTo(digest);
  }
}
