package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.RequestCounter;
import dev.driftless.fixture.TestClock;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import dev.driftless.testkit.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the cluster scan keeps in the table, against moto: the index of each cluster's Applications, kept on put,
 * move and delete and built once for Applications registered before it; the batch read of a scan; the plan basis
 * in the status item; a health write that yields to any status written since it was read; a cluster's
 * reachability written on change.
 */
@LocalAws
class ClusterScanStateIT {

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private String table;
  private ApplicationStore apps;

  private static String doc(String name, String cluster) {
    return """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: https://git.example.com/acme/deploy.git, targetRevision: main, path: apps}
          destination: {cluster: %s, namespace: %s}
        """.formatted(name, cluster, name);
  }

  @BeforeEach
  void table() {
    table = "scan-state-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    apps = new ApplicationStore(ddb, table, clock);
  }

  private List<String> onCluster(String cluster, int page) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      ApplicationStore.Page p = apps.byCluster(cluster, token, page);
      out.addAll(p.names());
      token = p.next();
    } while (token != null);
    return out;
  }

  @Test
  void eachClustersApplicationsAreIndexedOnPutMoveAndDeleteAndPagedInNameOrder() {
    for (String name : List.of("d", "b", "a", "c")) apps.put(doc(name, "prod"), name, 0);
    apps.put(doc("x", "staging"), "x", 0);
    assertThat(onCluster("prod", 3)).containsExactly("a", "b", "c", "d");

    apps.put(doc("b", "staging"), "b", 1);
    assertThat(onCluster("prod", 2)).containsExactly("a", "c", "d");
    assertThat(onCluster("staging", 2)).containsExactly("b", "x");

    apps.delete("c");
    assertThat(onCluster("prod", 10)).containsExactly("a", "d");
    assertThat(onCluster("nowhere", 10)).isEmpty();
  }

  @Test
  void applicationsRegisteredBeforeTheIndexAreAddedWhereTheyAreNowAndMissingOnesAreLeftOut() {
    apps.put(doc("old", "prod"), "old", 0);
    apps.put(doc("moved", "prod"), "moved", 0);
    // As registered before the index existed: no index items.
    for (String name : List.of("old", "moved")) {
      ddb.deleteItem(r -> r.tableName(table).key(Items.key("APPS_ON#prod", "APP#" + name)));
    }
    assertThat(apps.clusterIndexBuilt()).isFalse();
    assertThat(onCluster("prod", 10)).isEmpty();

    apps.indexCluster("old");
    apps.indexCluster("gone");
    assertThat(onCluster("prod", 10)).containsExactly("old");

    // Moved since it was registered: indexed where it is now, and its old cluster's item is gone.
    apps.put(doc("moved", "staging"), "moved", 1);
    apps.indexCluster("moved");
    assertThat(onCluster("staging", 10)).containsExactly("moved");
    assertThat(onCluster("prod", 10)).containsExactly("old");

    apps.markClusterIndexBuilt();
    assertThat(apps.clusterIndexBuilt()).isTrue();
  }

  @Test
  void thePlanBasisRoundTripsInTheStatusItemAndAnOlderItemHasNone() {
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(7));
    AppStatus st = AppStatus.initial("shop").assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant());
    status.put("prod", st);
    assertThat(status.get("shop").basis()).isNull();

    ScanBasis basis = new ScanBasis("3f1c9a7e2b4d6f8a0c1e3f5a7b9d1c3e5f7a9b1d", 4,
        Map.of("driftless/refs/db", "v2", "driftless/refs/db stage AWSPREVIOUS", "v1"));
    status.put("prod", st.basedOn(basis));
    assertThat(status.get("shop").basis()).isEqualTo(basis);
    status.put("prod", st.basedOn(new ScanBasis("abc", 5, Map.of())));
    assertThat(status.get("shop").basis()).isEqualTo(new ScanBasis("abc", 5, Map.of()));
    assertThat(status.get("shop").sameAs(st.basedOn(new ScanBasis("abc", 5, Map.of()))
        .assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant().plusSeconds(60))))
        .as("the same status written at another time").isTrue();
  }

  @Test
  void aScansBatchReadGivesWhatTheSingleReadsGiveForManyApplicationsAndLargeInventories() {
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(7));
    Random random = new Random(7);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = "app-%02d".formatted(i);
      names.add(name);
      apps.put(doc(name, "prod"), name, 0);
      if (i % 4 == 0) continue; // never synced: no status, no inventory
      Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
      int objects = i == 5 ? 10_000 : 3; // app-05's inventory takes two parts
      for (int o = 0; o < objects; o++) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        entries.put(new ObjectKey("", "ConfigMap", "ns", "cm-" + o), new Inventory.Entry("v1",
            HexFormat.of().formatHex(digest), Integer.toString(o), "%016x".formatted(o), 0));
      }
      status.inventories().put("prod", name, new Inventory(entries));
      status.put("prod", AppStatus.initial(name).assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant())
          .basedOn(new ScanBasis("c" + i, 1, Map.of())));
    }
    names.add("not-registered");

    Map<String, StatusStore.Snapshot> read = status.forScan("prod", names, apps);

    assertThat(read).hasSize(40).doesNotContainKey("not-registered");
    for (String name : names.subList(0, 40)) {
      assertThat(read.get(name).status()).as(name).isEqualTo(status.get(name));
      assertThat(read.get(name).application()).as(name).isEqualTo(apps.get(name).orElseThrow());
    }
    assertThat(read.get("app-05").status().inventory().entries()).hasSize(10_000);

    Map<String, StatusStore.Snapshot> projected = status.forScan("prod", names, apps);
    for (String name : names.subList(0, 40)) {
      AppStatus full = status.get(name);
      assertThat(projected.get(name).status()).as(name)
          .isEqualTo(name.equals("app-05") ? full : ScanProjectionCodec.projected(full).withInventory(full.inventory()));
      assertThat(projected.get(name).application()).as(name).isEqualTo(apps.get(name).orElseThrow());
    }
  }

  /** 40 Applications on prod, synced with three objects each; the first read writes their projections. */
  private StatusStore synced(DynamoDbClient client, List<String> names) {
    StatusStore status = new StatusStore(client, table, Duration.ofDays(7));
    for (int i = 0; i < 40; i++) {
      String name = "app-%02d".formatted(i);
      names.add(name);
      apps.put(doc(name, "prod"), name, 0);
      status.inventories().put("prod", name, inventory(3, i));
      status.put("prod", AppStatus.initial(name).assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant())
          .basedOn(new ScanBasis("c" + i, 1, Map.of())));
    }
    apps.put(doc("elsewhere", "staging"), "elsewhere", 0);
    return status;
  }

  private static Inventory inventory(int objects, int seed) {
    Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
    for (int o = 0; o < objects; o++) {
      entries.put(new ObjectKey("", "ConfigMap", "ns", "cm-" + o), new Inventory.Entry("v1", "d" + seed + "-" + o,
          Integer.toString(o), "o" + o, 0));
    }
    return new Inventory(entries);
  }

  @Test
  void aQuietScanReadsItsApplicationsWithOneQueryAndNoItemOfTheirOwnAndWritesNothing() {
    RequestCounter counter = new RequestCounter();
    DynamoDbClient counted = DynamoDbClient.builder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    List<String> names = new ArrayList<>();
    StatusStore status = synced(counted, names);
    Map<String, Long> before = counter.snapshot();
    Map<String, StatusStore.Snapshot> first = status.forScan("prod", names, apps);
    assertThat(first).hasSize(40);
    assertThat(delta(counter, before)).as("the first read writes the projections the writes invalidated")
        .containsEntry("Query", 1L).containsEntry("PutItem", 40L).containsKey("BatchGetItem");

    before = counter.snapshot();
    Map<String, StatusStore.Snapshot> quiet = status.forScan("prod", names, apps);
    assertThat(delta(counter, before)).isEqualTo(Map.of("Query", 1L));
    assertThat(quiet.keySet()).isEqualTo(first.keySet());
    quiet.forEach((name, snapshot) -> {
      assertThat(snapshot.application()).isEqualTo(first.get(name).application());
      assertThat(snapshot.status().basis()).isEqualTo(first.get(name).status().basis());
      assertThat(snapshot.status().inventory()).isEqualTo(first.get(name).status().inventory());
    });
  }

  private static Map<String, Long> delta(RequestCounter counter, Map<String, Long> before) {
    Map<String, Long> out = new HashMap<>();
    counter.snapshot().forEach((op, n) -> {
      long d = n - before.getOrDefault(op, 0L);
      if (d > 0) out.put(op, d);
    });
    return out;
  }

  @Test
  void eachWriteOfWhatAProjectionHoldsIsSeenByTheNextScanAndARunningPassesStepsAreNot() {
    List<String> names = new ArrayList<>();
    StatusStore status = synced(ddb, names);
    status.forScan("prod", names, apps);

    apps.put(doc("app-01", "prod").replace("path: apps", "path: apps/v2"), "app-01", 1);
    status.inventories().put("prod", "app-02", inventory(4, 2));
    AppStatus three = status.get("app-03");
    status.put("prod", three.basedOn(new ScanBasis("c3", 1, Map.of("driftless/refs/db", "v2"))));
    Operation op = Operation.start("op-4", Trigger.PUSH, "c4", clock.instant()).running(clock.instant(),
        clock.instant().plusSeconds(330));
    AppStatus four = status.get("app-04");
    status.put("prod", four.ended(four.sync(), four.health(), op, OperationResult.RUNNING, "running",
        clock.instant()));

    Map<String, StatusStore.Snapshot> read = status.forScan("prod", names, apps);
    assertThat(read.get("app-01").application().version()).isEqualTo(2);
    assertThat(read.get("app-01").application().application().source().path()).isEqualTo("apps/v2");
    assertThat(read.get("app-02").status().inventory()).isEqualTo(inventory(4, 2));
    assertThat(read.get("app-03").status().basis().secretVersions()).containsEntry("driftless/refs/db", "v2");
    assertThat(read.get("app-04").status().operation().id()).isEqualTo("op-4");

    // The pass moves on: what the projection holds does not change, so it is neither rewritten nor invalidated.
    Map<String, AttributeValue> kept = projection("app-04");
    status.put("prod", status.get("app-04").ended(SyncStatus.SYNCED, HealthStatus.HEALTHY,
        op.movedTo(SyncStep.APPLY), OperationResult.RUNNING, "applying", clock.instant().plusSeconds(9)));
    assertThat(projection("app-04")).isEqualTo(kept);

    // Moved to another cluster: its projection on prod is gone.
    apps.put(doc("app-05", "staging"), "app-05", 1);
    assertThat(ddb.getItem(r -> r.tableName(table).key(ScanProjectionCodec.key("prod", "app-05"))
        .consistentRead(true)).item()).isNullOrEmpty();
    assertThat(status.forScan("prod", names, apps).get("app-05").application().application().destination()
        .cluster()).isEqualTo("staging");
  }

  @Test
  void aProjectionReadBeforeAWriterInvalidatedItIsNotWrittenOverTheInvalidation() {
    ScanProjections projections = new ScanProjections(ddb, table);
    List<String> names = new ArrayList<>();
    StatusStore status = synced(ddb, names);
    Map<String, AttributeValue> seen = ddb.getItem(r -> r.tableName(table)
        .key(ScanProjectionCodec.key("prod", "app-07")).consistentRead(true)).item();
    ApplicationStore.Stored spec = apps.get("app-07").orElseThrow();
    AppStatus read = status.get("app-07");

    status.put("prod", read.assessed(SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED, clock.instant()));
    assertThat(projections.replace(ScanProjectionCodec.encode("prod", spec, read,
        InventoryCodec.encode(read.inventory())), seen)).isFalse();
    assertThat(projections.replace(ScanProjectionCodec.encode("prod", spec, read,
        InventoryCodec.encode(read.inventory())), null)).as("none was there: one is now").isFalse();
    assertThat(status.forScan("prod", List.of("app-07"), apps).get("app-07").status().sync())
        .isEqualTo(SyncStatus.OUT_OF_SYNC);
  }

  @Test
  void theIndexOfOperationsInFlightListsAnOperationFromItsStartToItsEnd() {
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(7));
    AppStatus idle = AppStatus.initial("shop").assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant());
    status.put("prod", idle);
    status.put("prod", idle.assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant()));
    assertThat(status.operations().applications()).isEmpty();

    Operation op = Operation.start("op-1", Trigger.PUSH, "c1", clock.instant());
    status.put("prod", idle.ended(idle.sync(), idle.health(), op.running(clock.instant(), clock.instant()),
        OperationResult.RUNNING, "running", clock.instant()));
    status.put("prod", idle.ended(idle.sync(), idle.health(), op.at(SyncStep.HEALTH), OperationResult.RUNNING,
        "waiting", clock.instant()));
    assertThat(status.operations().applications()).containsExactly("shop");

    status.put("prod", idle.at("c1", clock.instant(), SyncStatus.SYNCED, HealthStatus.HEALTHY,
        OperationResult.SUCCEEDED, "synced", clock.instant()));
    assertThat(status.operations().applications()).isEmpty();

    status.put("prod", idle.ended(idle.sync(), idle.health(), op, OperationResult.RUNNING, "running",
        clock.instant()));
    apps.put(doc("shop", "prod"), "shop", 0);
    apps.delete("shop");
    assertThat(status.operations().applications()).as("deleted with its Application").isEmpty();
  }

  @Test
  void aHealthWriteWithoutALeaseYieldsToAStatusWrittenSinceItWasReadAndKeepsTheProjectionInStep() {
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(7));
    apps.put(doc("shop", "prod"), "shop", 0);
    AppStatus seen = AppStatus.initial("shop").assessed(SyncStatus.SYNCED, HealthStatus.PROGRESSING, clock.instant());
    status.put("prod", seen);
    assertThat(status.forScan("prod", List.of("shop"), apps).get("shop").status().health())
        .isEqualTo(HealthStatus.PROGRESSING);
    assertThat(status.putHealth("prod", status.forScan("prod", List.of("shop"), apps).get("shop").status(),
        HealthStatus.HEALTHY, clock.instant().plusSeconds(1))).isTrue();
    assertThat(status.get("shop").health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(projection("shop")).as("the projection held the old health: invalidated").isNull();
    assertThat(status.forScan("prod", List.of("shop"), apps).get("shop").status().health())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(projection("shop")).as("written again by the next read").isNotNull();

    // An operation wrote the status after the scan read it: the scan's health is not written over it.
    AppStatus readByScan = status.forScan("prod", List.of("shop"), apps).get("shop").status();
    status.put("prod", status.get("shop").ended(SyncStatus.OUT_OF_SYNC, HealthStatus.PROGRESSING, null,
        OperationResult.RUNNING, "syncing", clock.instant().plusSeconds(2)));
    assertThat(status.putHealth("prod", readByScan, HealthStatus.DEGRADED, clock.instant().plusSeconds(3)))
        .isFalse();
    assertThat(status.get("shop").sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(status.get("shop").health()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(status.get("shop").inventory()).isEqualTo(Inventory.EMPTY);
  }

  /** The projection item of an Application on prod with content; null when it holds none. */
  private Map<String, AttributeValue> projection(String app) {
    Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table)
        .key(ScanProjectionCodec.key("prod", app)).consistentRead(true)).item();
    return item == null || !item.containsKey(ScanProjectionCodec.STATUS) ? null : item;
  }

  @Test
  void aClustersReachabilityAndVersionAreWrittenOnlyWhenTheyChange() {
    RequestCounter counter = new RequestCounter();
    DynamoDbClient counted = DynamoDbClient.builder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    ClusterStore clusters = new ClusterStore(counted, table);
    assertThat(clusters.reachability("prod")).as("no scan yet: unknown")
        .isEqualTo(new ClusterStore.Reachability(null, null, null, null));

    Instant first = clock.instant();
    clusters.recordReachability("prod", null, "v1.34.1", first);
    assertThat(clusters.reachability("prod")).isEqualTo(new ClusterStore.Reachability(true, null, "v1.34.1", first));
    long writes = counter.count(RequestCounter.DYNAMODB_WRITES);
    clock.advance(Duration.ofMinutes(3));
    clusters.recordReachability("prod", null, "v1.34.1", clock.instant());
    assertThat(counter.count(RequestCounter.DYNAMODB_WRITES)).as("found as before: no write").isEqualTo(writes);
    assertThat(clusters.reachability("prod").checkedAt()).as("the time it last changed").isEqualTo(first);

    Instant down = clock.instant();
    clusters.recordReachability("prod", "cluster unreachable: connection refused", null, down);
    assertThat(clusters.unreachable("prod")).hasValue("cluster unreachable: connection refused");
    assertThat(clusters.reachability("prod")).as("the last version seen is kept").isEqualTo(
        new ClusterStore.Reachability(false, "cluster unreachable: connection refused", "v1.34.1", down));
    writes = counter.count(RequestCounter.DYNAMODB_WRITES);
    clusters.recordReachability("prod", "cluster unreachable: connection refused", null, clock.instant());
    assertThat(counter.count(RequestCounter.DYNAMODB_WRITES)).as("still down: no write").isEqualTo(writes);

    clock.advance(Duration.ofMinutes(3));
    clusters.recordReachability("prod", null, "v1.35.0", clock.instant());
    assertThat(clusters.unreachable("prod")).isEmpty();
    assertThat(clusters.reachability("prod")).isEqualTo(
        new ClusterStore.Reachability(true, null, "v1.35.0", clock.instant()));
  }
}
