package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.TestClock;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.model.ObjectKey;
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
    status.put(st);
    assertThat(status.get("shop").basis()).isNull();

    ScanBasis basis = new ScanBasis("3f1c9a7e2b4d6f8a0c1e3f5a7b9d1c3e5f7a9b1d", 4,
        Map.of("driftless/refs/db", "v2", "driftless/refs/db stage AWSPREVIOUS", "v1"));
    status.put(st.basedOn(basis));
    assertThat(status.get("shop").basis()).isEqualTo(basis);
    status.put(st.basedOn(new ScanBasis("abc", 5, Map.of())));
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
      status.inventories().put(name, new Inventory(entries));
      status.put(AppStatus.initial(name).assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant())
          .basedOn(new ScanBasis("c" + i, 1, Map.of())));
    }
    names.add("not-registered");

    Map<String, StatusStore.Snapshot> read = status.forScan(names, apps);

    assertThat(read).hasSize(40).doesNotContainKey("not-registered");
    for (String name : names.subList(0, 40)) {
      assertThat(read.get(name).status()).as(name).isEqualTo(status.get(name));
      assertThat(read.get(name).application()).as(name).isEqualTo(apps.get(name).orElseThrow());
    }
    assertThat(read.get("app-05").status().inventory().entries()).hasSize(10_000);
  }

  @Test
  void aHealthWriteWithoutALeaseYieldsToAStatusWrittenSinceItWasRead() {
    StatusStore status = new StatusStore(ddb, table, Duration.ofDays(7));
    AppStatus seen = AppStatus.initial("shop").assessed(SyncStatus.SYNCED, HealthStatus.PROGRESSING, clock.instant());
    status.put(seen);
    AppStatus healthy = seen.assessed(SyncStatus.SYNCED, HealthStatus.HEALTHY, clock.instant().plusSeconds(1));
    assertThat(status.putIfUnchanged(healthy, status.get("shop"))).isTrue();
    assertThat(status.get("shop").health()).isEqualTo(HealthStatus.HEALTHY);

    // An operation wrote the status after the scan read it: the scan's health is not written over it.
    AppStatus readByScan = status.get("shop");
    status.put(readByScan.ended(SyncStatus.OUT_OF_SYNC, HealthStatus.PROGRESSING, null, OperationResult.RUNNING,
        "syncing", clock.instant().plusSeconds(2)));
    assertThat(status.putIfUnchanged(readByScan.assessed(SyncStatus.SYNCED, HealthStatus.DEGRADED,
        clock.instant().plusSeconds(3)), readByScan)).isFalse();
    assertThat(status.get("shop").sync()).isEqualTo(SyncStatus.OUT_OF_SYNC);
    assertThat(status.get("shop").inventory()).isEqualTo(Inventory.EMPTY);
  }

  @Test
  void aClustersReachabilityIsWrittenOnlyWhenItChanges() {
    ClusterStore clusters = new ClusterStore(ddb, table);
    assertThat(clusters.unreachable("prod")).isEmpty();
    clusters.recordReachability("prod", "cluster unreachable: connection refused", clock.instant());
    assertThat(clusters.unreachable("prod")).hasValue("cluster unreachable: connection refused");
    clusters.recordReachability("prod", null, clock.instant());
    assertThat(clusters.unreachable("prod")).isEmpty();
  }
}
