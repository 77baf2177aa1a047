package dev.driftless.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.inventory.Inventory;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: Secrets Manager unavailable (an endpoint that answers nothing) applies nothing, keeps the last good
 * state, and says why, against the real local API server and moto.
 */
@LocalAws
@LocalKubernetes
class SecretsUnavailableFaultIT {

  @TempDir Path tmp;
  private LocalDriftless local;

  @BeforeEach
  void start(LocalClusters clusters) {
    local = LocalDriftless.start(tmp, (type, detail) -> { }).withClusters(clusters, "c1");
  }

  @AfterEach
  void close() {
    local.close();
  }

  private static String config(String mode, String ref) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: " + mode + ", password: \""
        + ref + "\"}\n";
  }

  @Test
  void withSecretsManagerUnreachableNothingIsAppliedTheLastGoodStateStaysAndTheMessageSaysWhy(TestNamespace ns)
      throws IOException {
    String id = "driftless/refs/fault/db-" + UUID.randomUUID();
    local.secretsManager.createSecret(r -> r.name(id).secretString("{\"password\": \"p-" + UUID.randomUUID() + "\"}"));
    String ref = "{{resolve:secretsmanager:" + id + ":SecretString:password}}";
    var good = local.repo.commit("blue", TestRepo.files("apps/web/config.yaml", config("blue", ref)));
    local.parts().applications().put(local.application("fault", ns.name()), "fault", 0);
    ReconcileResult first = local.reconciler().reconcile(ReconcileRequest.manual("fault"),
        Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(first.result()).as(first.message()).isEqualTo(OperationResult.SUCCEEDED);
    Inventory synced = local.parts().status().get("fault").inventory();

    local.repo.commit("green", TestRepo.files("apps/web/config.yaml", config("green", ref)));
    Reconciler.Parts down = Wiring.parts(local.settings, local.ddb, new SecretsManagerClient(local.secretsManager),
        new SecretsManagerClient(unreachableSecretsManager()), (type, detail) -> { }, Clock.systemUTC());
    try {
      ReconcileResult second = new Reconciler(down, Wiring.options(local.settings), Clock.systemUTC())
          .reconcile(ReconcileRequest.manual("fault"), Instant.now().plus(Duration.ofMinutes(2)));

      assertThat(second.result()).isEqualTo(OperationResult.FAILED);
      assertThat(second.message()).startsWith("Secrets Manager unreachable reading secret " + id + ": ");
      assertThat(ns.client().configMaps().inNamespace(ns.name()).withName("settings").get().getData())
          .as("nothing applied").containsEntry("mode", "blue");
      var status = local.parts().status().get("fault");
      assertThat(status.revision()).as("the last good revision").isEqualTo(good.getName());
      assertThat(status.inventory()).as("the last good inventory").isEqualTo(synced);
      assertThat(local.parts().status().history("fault", 1).get(0).message()).isEqualTo(second.message());
    } finally {
      down.clients().close();
    }
  }

  /** A Secrets Manager client whose endpoint is a local port nothing listens on. */
  private static software.amazon.awssdk.services.secretsmanager.SecretsManagerClient unreachableSecretsManager()
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port)).build();
  }
}
