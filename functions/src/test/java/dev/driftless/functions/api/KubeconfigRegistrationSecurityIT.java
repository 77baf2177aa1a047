package dev.driftless.functions.api;

import static dev.driftless.functions.api.ApiEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.fixture.LocalKubeconfig;
import dev.driftless.functions.ApiHandler;
import dev.driftless.functions.Functions;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Settings;
import dev.driftless.reconcile.Wiring;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.state.AccessStore;
import dev.driftless.state.StateTable;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestTools;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Registering a cluster whose kubeconfig would run a command is refused by the API with 400 naming the field,
 * the command never runs and nothing is stored; the same kubeconfig with the cluster's token registers.
 */
@LocalAws
@LocalKubernetes
class KubeconfigRegistrationSecurityIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  // The AWS SDK client keeps its full name: Driftless's SecretsManagerClient of the same simple name wraps it.
  private final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient sm =
      software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.create();
  private Reconciler.Parts parts;
  private ApiHandler api;
  private LocalKubeconfig local;

  @BeforeEach
  void wire(LocalClusters clusters) throws Exception {
    DynamoDbClient ddb = DynamoDbClient.create();
    String table = "kubeconfig-" + UUID.randomUUID();
    StateTable.create(ddb, table);
    TestTools tools = TestTools.load();
    Settings settings = new Settings(table, "driftless", tmp.resolve("git-cache"), 16L << 20, tools.kustomize(),
        tools.helm(), Duration.ofDays(1));
    Clock clock = Clock.systemUTC();
    parts = Wiring.parts(settings, ddb, new SecretsManagerClient(sm), (type, detail) -> { }, clock);
    api = new ApiHandler(new Functions(new Reconciler(parts, Wiring.options(settings), clock), parts,
        new RecordingQueue(), clock), new AccessStore(ddb, table, clock), ApiEvents.admins());
    local = LocalKubeconfig.of(clusters, "c1");
  }

  @AfterEach
  void close() {
    parts.clients().close();
  }

  private String secretWith(String user) {
    String id = "driftless/clusters/api-" + UUID.randomUUID();
    sm.createSecret(r -> r.name(id).secretString(local.withUser(user)));
    return id;
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String body) {
    return api.handleRequest(event(method, path, body, "Content-Type", "application/yaml"), null);
  }

  @Test
  void anExecKubeconfigIsRefusedAtRegistrationAndItsCommandNeverRuns() throws Exception {
    Path marker = tmp.resolve("exec-ran");
    String id = secretWith(local.execUser(tmp.resolve("plugin.sh"), marker));

    APIGatewayV2HTTPResponse r = call("PUT", "/api/clusters/edge", "{auth: kubeconfig, secretId: " + id + "}");

    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.getBody()).path("error").asText()).isEqualTo("cluster edge: kubeconfig in secret "
        + id + ": users[admin].user.exec is refused: it would run a command");
    assertThat(marker).as("the exec command's marker file").doesNotExist();
    assertThat(call("GET", "/api/clusters/edge", null).getStatusCode()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void aKubeconfigWithTheClustersTokenRegisters() {
    String id = secretWith(local.tokenUser());
    assertThat(call("PUT", "/api/clusters/edge", "{auth: kubeconfig, secretId: " + id + "}").getStatusCode())
        .isEqualTo(201);
  }
}
