package dev.driftless.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.fixture.LocalKubeconfig;
import dev.driftless.fixture.TestClock;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cached client whose lifetime ends while an operation still uses it stays open for that operation (issue 16:
 * "Client already closed"), and is closed once the operation is done; against the real local API server.
 */
@LocalAws
@LocalKubernetes
class ClusterClientsIT {

  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
      software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
  private final TestClock clock = new TestClock(Instant.now());
  private ClusterClients clients;
  private ClusterRegistration reg;

  @BeforeEach
  void register(LocalClusters clusters) throws Exception {
    clients = new ClusterClients(new SecretsManagerClient(sm), SecretLayout.defaults(), r -> null, clock);
    LocalKubeconfig local = LocalKubeconfig.of(clusters, "c1");
    String id = "driftless/clusters/clients-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(id).secretString(local.withUser(local.tokenUser())));
    reg = ClusterRegistration.kubeconfig("c1", id);
  }

  @AfterEach
  void close() {
    clients.close();
  }

  @Test
  void aClientInUseOutlivesItsLifetimeUntilItsOperationIsDoneAndIsThenClosed() {
    ClusterClients.Use first = clients.use(reg);
    assertThat(first.cluster().client().namespaces().withName("default").get()).isNotNull();

    clock.advance(ClusterClients.SECRET_CLIENT_LIFETIME.plusMinutes(1));
    // Another operation (the second poller, the scan) now gets a fresh client, built from the secret again.
    try (ClusterClients.Use second = clients.use(reg)) {
      assertThat(second.cluster()).isNotSameAs(first.cluster());
      assertThat(second.cluster().client().namespaces().withName("default").get()).isNotNull();
      assertThat(first.cluster().client().namespaces().withName("default").get())
          .as("the first operation's client, past its lifetime but still in use").isNotNull();
    }

    first.close();
    assertThatThrownBy(() -> first.cluster().client().namespaces().withName("default").get())
        .as("closed once its last user is done").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFreshClientIsSharedAndStaysOpenAfterItsUsersAreDone() {
    ClusterClients.Use a = clients.use(reg);
    ClusterClients.Use b = clients.use(reg);
    assertThat(a.cluster()).isSameAs(b.cluster());
    a.close();
    b.close();
    try (ClusterClients.Use c = clients.use(reg)) {
      assertThat(c.cluster()).isSameAs(a.cluster());
      assertThat(c.cluster().client().namespaces().withName("default").get()).isNotNull();
    }
  }

}
