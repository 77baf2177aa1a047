package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.fixture.TestClock;
import dev.driftless.health.HealthStatus;
import dev.driftless.inventory.Inventory;
import dev.driftless.cluster.ClusterRegistration;
import dev.driftless.model.ObjectKey;
import dev.driftless.model.SyncStep;
import dev.driftless.testkit.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@LocalAws
class StateStoreIT {

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private String table;
  private final TestClock clock = new TestClock(Instant.parse("2026-11-24T07:00:00Z"));

  private static String doc(String name, String repo, String rev) {
    return """
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          source: {repoURL: %s, targetRevision: %s, path: apps}
          destination: {cluster: c1, namespace: %s}
        """.formatted(name, repo, rev, name);
  }

  @BeforeEach
  void table() {
    table = "state-" + UUID.randomUUID();
    StateTable.create(ddb, table);
  }

  @Test
  void applicationsUseOptimisticLockingAndAreIndexedByRepositoryAndListedByPage() {
    ApplicationStore apps = new ApplicationStore(ddb, table, clock);
    assertThat(apps.put(doc("shop", "https://git.example.com/acme/deploy.git", "main"), "shop.yaml", 0)).isEqualTo(1);
    assertThat(apps.put(doc("web", "https://git.example.com/acme/deploy", "main"), "web.yaml", 0)).isEqualTo(1);
    assertThatThrownBy(() -> apps.put(doc("shop", "https://x/y.git", "main"), "shop.yaml", 0))
        .isInstanceOf(ConflictException.class).hasMessage("application shop: expected version 0 but found 1");
    assertThat(apps.put(doc("shop", "https://git.example.com/other.git", "v2"), "shop.yaml", 1)).isEqualTo(2);
    assertThatThrownBy(() -> apps.put(doc("shop", "https://x/y.git", "main"), "shop.yaml", 1))
        .hasMessage("application shop: expected version 1 but found 2");

    assertThat(apps.get("shop").orElseThrow().application().source().targetRevision()).isEqualTo("v2");
    assertThat(apps.byRepository("https://GIT.example.com/acme/deploy/")).containsExactly("web");
    assertThat(apps.byRepository("https://git.example.com/other")).containsExactly("shop");

    ApplicationStore.Page first = apps.list(null, 1);
    assertThat(first.names()).containsExactly("shop");
    ApplicationStore.Page second = apps.list(first.next(), 1);
    assertThat(second.names()).containsExactly("web");
    // A full last page may still carry a token (DynamoDB does; moto does not): the page it leads to is empty.
    if (second.next() != null) {
      assertThat(apps.list(second.next(), 1).names()).isEmpty();
    }
  }

  @Test
  void statusRoundTripsWithALargeInventoryAndHistoryIsNewestFirstWithATtl() {
    StatusStore store = new StatusStore(ddb, table, Duration.ofDays(30));
    Map<ObjectKey, Inventory.Entry> entries = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      entries.put(new ObjectKey("apps", "Deployment", "shop", "web-" + i),
          new Inventory.Entry("apps/v1", "sha256:" + "%064x".formatted(i), Integer.toString(1000 + i),
              i % 2 == 0 ? null : "%024x".formatted(i), i % 3));
    }
    Operation op = new Operation("op-1", Trigger.PUSH, "abc123", SyncStep.HEALTH, clock.instant(), 1);
    AppStatus st = new AppStatus("shop", SyncStatus.SYNCED, HealthStatus.PROGRESSING, "abc123", clock.instant(),
        new Inventory(entries), op, OperationResult.RUNNING, "waiting", clock.instant());
    store.inventories().put("c1", "shop", st.inventory());
    store.put("c1", st);
    assertThat(store.get("shop")).isEqualTo(st);
    assertThat(store.get("unknown").sync()).isEqualTo(SyncStatus.UNKNOWN);

    for (int i = 0; i < 3; i++) {
      store.record(new HistoryEntry("shop", "op-" + i, clock.instant().plusSeconds(i), Duration.ofSeconds(2),
          Trigger.PUSH, "rev" + i, "Ada <ada@example.com>", "change " + i, OperationResult.SUCCEEDED,
          Map.of("create", i), null, null));
    }
    assertThat(store.history("shop", 2)).extracting(HistoryEntry::id).containsExactly("op-2", "op-1");
    assertThat(store.historyEntry("shop", "op-0").orElseThrow().revision()).isEqualTo("rev0");
    var raw = ddb.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :h)")
        .expressionAttributeValues(Map.of(":p", Items.s("APP#shop"), ":h", Items.s("HIST#")))).items();
    assertThat(raw).allSatisfy(i -> assertThat(Long.parseLong(i.get("expiresAt").n()))
        .isEqualTo(Instant.parse(i.get("startedAt").s()).plus(Duration.ofDays(30)).getEpochSecond()));
  }

  @Test
  void theHolderRenewsItsLeaseAndARenewalAfterATakeoverOrAReleaseIsRefused() {
    LeaseStore leases = new LeaseStore(ddb, table, clock);
    LeaseStore.Lease mine = leases.acquire("cart", "pass-1", Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(50));
    LeaseStore.Lease renewed = leases.renew(mine, Duration.ofSeconds(60));
    assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(60)));
    assertThat(leases.current("cart")).contains(renewed);
    // Past the first term, the renewal keeps others out.
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> leases.acquire("cart", "pass-2", Duration.ofSeconds(60)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("leased by pass-1");
    // pass-1 stops renewing (killed): its lease runs out and pass-2 takes over; pass-1 may not renew it back.
    clock.advance(Duration.ofSeconds(31));
    LeaseStore.Lease theirs = leases.acquire("cart", "pass-2", Duration.ofSeconds(60));
    assertThatThrownBy(() -> leases.renew(renewed, Duration.ofSeconds(60)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("lease of pass-1 not renewed: taken over by pass-2");
    assertThat(leases.current("cart")).contains(theirs);
    leases.release(theirs);
    assertThatThrownBy(() -> leases.renew(theirs, Duration.ofSeconds(60)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("not renewed: released");
    assertThat(leases.current("cart")).isEmpty();
  }

  @Test
  void aLeaseExcludesOthersUntilItExpiresAndTheLoserLearnsTheHolder() {
    LeaseStore leases = new LeaseStore(ddb, table, clock);
    LeaseStore.Lease mine = leases.acquire("shop", "invocation-1", Duration.ofMinutes(5));
    assertThatThrownBy(() -> leases.acquire("shop", "invocation-2", Duration.ofMinutes(5)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("leased by invocation-1");
    // invocation-1 crashed: after the lease runs out, the next one takes over.
    clock.advance(Duration.ofMinutes(6));
    LeaseStore.Lease theirs = leases.acquire("shop", "invocation-2", Duration.ofMinutes(5));
    leases.release(mine);
    assertThatThrownBy(() -> leases.acquire("shop", "invocation-3", Duration.ofMinutes(5)))
        .hasMessageContaining("leased by invocation-2");
    leases.release(theirs);
    assertThat(leases.acquire("shop", "invocation-3", Duration.ofMinutes(5)).holder()).isEqualTo("invocation-3");
  }

  @Test
  void aDeliveryIsSeenOnceAndClustersHoldNoCredentials() {
    DeliveryStore deliveries = new DeliveryStore(ddb, table, clock, Duration.ofDays(1));
    assertThat(deliveries.firstSeen("d-1")).isTrue();
    assertThat(deliveries.firstSeen("d-1")).isFalse();
    assertThat(deliveries.firstSeen("d-2")).isTrue();
    deliveries.forget("d-2");
    assertThat(deliveries.firstSeen("d-2")).as("a forgotten delivery is processed again").isTrue();

    ClusterStore clusters = new ClusterStore(ddb, table);
    ClusterRegistration reg = ClusterRegistration.token("prod-eu", "https://k8s.example:6443", "Y2E=", "clusters/prod-eu");
    clusters.put(reg);
    assertThat(clusters.get("prod-eu")).contains(reg);
    assertThat(clusters.names()).containsExactly("prod-eu");
  }
}
