package dev.driftless.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.access.AccessCheck;
import dev.driftless.access.AccessControl;
import dev.driftless.access.Permission;
import dev.driftless.fixture.TestClock;
import dev.driftless.testkit.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@LocalAws
class AccessStoreIT {

  private static final String VIEWER = """
      bindings:
        - {principal: "arn:aws:iam::111122223333:role/ops", role: admin}
        - {principal: "arn:aws:iam::111122223333:role/dev", role: viewer, projects: [team-a]}
      """;
  private static final String DEPLOYER = VIEWER.replace("viewer", "deployer");

  private final DynamoDbClient ddb = DynamoDbClient.create();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private AccessStore store;

  @BeforeEach
  void table() {
    String table = "access-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    store = new AccessStore(ddb, table, clock);
  }

  @Test
  void thePolicyIsOneVersionedItemWithOptimisticLocking() {
    assertThat(store.get()).isEmpty();
    assertThat(store.put(VIEWER, 0)).isEqualTo(1);
    assertThatThrownBy(() -> store.put(DEPLOYER, 0)).isInstanceOf(ConflictException.class)
        .hasMessage("access policy: expected version 0 but found 1");
    assertThat(store.put(DEPLOYER, 1)).isEqualTo(2);
    assertThatThrownBy(() -> store.put(VIEWER, 1)).hasMessage("access policy: expected version 1 but found 2");
    assertThat(store.get()).contains(new AccessStore.Stored(DEPLOYER, 2));
  }

  @Test
  void aChangeMadeElsewhereReachesAContainerWhenItsCachedPolicyExpires() {
    AccessControl container = AccessControl.over(store, List.of(), clock);
    AccessCheck sync = AccessCheck.onProject(Permission.APPLICATIONS_SYNC, "team-a", "application web");
    String dev = "arn:aws:sts::111122223333:assumed-role/dev/s1";
    store.put(VIEWER, 0);
    assertThat(container.grants(dev).allows(sync)).isFalse();
    store.put(DEPLOYER, 1);
    clock.advance(Duration.ofSeconds(9));
    assertThat(container.grants(dev).allows(sync)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(container.grants(dev).allows(sync)).isTrue();
  }
}
