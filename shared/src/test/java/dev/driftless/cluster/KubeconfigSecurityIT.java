package dev.driftless.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.fixture.LocalKubeconfig;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kubeconfig in Secrets Manager is read for its server, CA and token only: one that would run a command is
 * refused before any client exists, against the real local API server, and the command never runs.
 */
@LocalAws
@LocalKubernetes
class KubeconfigSecurityIT {

  @TempDir
  Path tmp;

  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
      software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
  private ClusterClients clients;
  private LocalKubeconfig local;

  @BeforeEach
  void read(LocalClusters clusters) throws Exception {
    clients = new ClusterClients(new SecretsManagerClient(sm), SecretLayout.defaults(), reg -> null,
        Clock.systemUTC());
    local = LocalKubeconfig.of(clusters, "c1");
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private ClusterRegistration stored(String kubeconfig) {
    String id = "driftless/clusters/it-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(id).secretString(kubeconfig));
    return ClusterRegistration.kubeconfig("c1", id);
  }

  @Test
  void anExecKubeconfigIsRefusedAtUseAndItsCommandNeverRuns() throws Exception {
    Path marker = tmp.resolve("exec-ran");
    // A working exec plugin: it would hand the real token to the client, after leaving the marker behind.
    ClusterRegistration reg = stored(local.withUser(local.execUser(tmp.resolve("plugin.sh"), marker)));

    ClusterRefusedException e = catchThrowableOfType(ClusterRefusedException.class,
        () -> clients.use(reg).cluster().client().namespaces().list());

    assertThat(e).hasMessage("cluster c1: kubeconfig in secret " + reg.secretId()
        + ": users[admin].user.exec is refused: it would run a command");
    assertThat(marker).as("the exec command's marker file").doesNotExist();
  }

  @Test
  void theSameClusterWithATokenInItsKubeconfigIsReached() {
    ClusterRegistration reg = stored(local.withUser(local.tokenUser()));
    try (ClusterClients.Use use = clients.use(reg)) {
      assertThat(use.cluster().client().namespaces().withName("default").get()).isNotNull();
    }
  }
}
