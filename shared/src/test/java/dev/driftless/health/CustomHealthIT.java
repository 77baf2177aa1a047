package dev.driftless.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.model.SyncStep;
import dev.driftless.reconcile.ReconcileRequest;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.reconcile.Reconciler;
import dev.driftless.reconcile.Wiring;
import dev.driftless.source.TestRepo;
import dev.driftless.state.AppStatus;
import dev.driftless.state.OperationResult;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A custom resource whose status a test moves through the status subresource, judged by a CEL and by a Lua
 * configuration, as the health wait of a real sync sees it. The rules read {@code status.phase}, which the
 * generic assessment ignores (it would call the object Healthy at once), so a sync that waits proves the custom
 * rule is in force.
 */
@LocalAws
@LocalKubernetes
class CustomHealthIT {

  private static final String CEL = """
      health:
        - apiVersion: %s/v1
          kind: Widget
          cel:
            current: "status.phase == 'Running'"
            failed: "status.phase == 'Failed'"
            inProgress: "status.phase == 'Provisioning'"
      """;
  private static final String LUA = """
      health:
        - group: %s
          kind: Widget
          lua: |
            local hs = {}
            if obj.status == nil or obj.status.phase == nil then
              hs.status = "Progressing"
              hs.message = "Waiting for a phase"
            elseif obj.status.phase == "Running" then
              hs.status = "Healthy"
            elseif obj.status.phase == "Failed" then
              hs.status = "Degraded"
              hs.message = obj.status.message
            else
              hs.status = "Progressing"
              hs.message = "Phase " .. obj.status.phase
            end
            return hs
      """;
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private LocalDriftless local;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private KubernetesClient client;
  private String group;

  @BeforeEach
  void start(LocalClusters clusters, TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> events.add(type)).withClusters(clusters, "c1");
    client = ns.client();
    group = "g" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    client.resource(crd(group)).serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group)
        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterEach
  void close() {
    client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
    local.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cel", "lua"})
  void theSyncWaitsWhileTheRuleSaysProgressingAndSucceedsWhenItSaysHealthy(String language, TestNamespace ns)
      throws Exception {
    CompletableFuture<ReconcileResult> sync = startSync(language, ns);
    Resource<GenericKubernetesResource> widget = widgetOnceInHealthStep(ns);

    patchStatus(widget, "{\"status\": {\"phase\": \"Provisioning\"}}");
    awaitHealthStepStill(sync);
    patchStatus(widget, "{\"status\": {\"phase\": \"Running\"}}");

    ReconcileResult result = sync.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.result()).as(result.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(result.health()).isEqualTo(HealthStatus.HEALTHY);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cel", "lua"})
  void aDegradedVerdictEndsTheSyncAsTheHealthStepSays(String language, TestNamespace ns) throws Exception {
    CompletableFuture<ReconcileResult> sync = startSync(language, ns);
    Resource<GenericKubernetesResource> widget = widgetOnceInHealthStep(ns);

    patchStatus(widget, "{\"status\": {\"phase\": \"Failed\", \"message\": \"quota exceeded\"}}");

    ReconcileResult result = sync.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.health()).as(result.message()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(result.result()).isEqualTo(OperationResult.FAILED);
    assertThat(result.message()).contains("degraded").contains("Widget");
    assertThat(events).as("the degraded health is announced once").containsOnlyOnce("Health Degraded");
  }

  private CompletableFuture<ReconcileResult> startSync(String language, TestNamespace ns) {
    String config = ("cel".equals(language) ? CEL : LUA).formatted(group);
    Reconciler reconciler = new Reconciler(local.parts(), Wiring.options(local.settings.withHealth(
        CustomHealth.parse(config, language + ".yaml"))).withHealthPoll(Duration.ofMillis(200)), Clock.systemUTC());
    // A PostSync hook: the sync waits for every object to be healthy before it, as Argo CD does.
    var commit = local.repo.commit("widget", TestRepo.files("apps/web/widget.yaml", """
        apiVersion: %s/v1
        kind: Widget
        metadata: {name: w1}
        spec: {size: 3}
        """.formatted(group), "apps/web/notify.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: notify, annotations: {argocd.argoproj.io/hook: PostSync}}
        data: {ran: "yes"}
        """));
    local.parts().applications().put(local.application("widgets", ns.name())
        + "  syncPolicy: {automated: {prune: true}}\n", "widgets", 0);
    return CompletableFuture.supplyAsync(() -> reconciler.reconcile(
        ReconcileRequest.push("widgets", commit.getName()), Instant.now().plus(Duration.ofMinutes(2))));
  }

  /** The Widget, once the sync applied it and entered its health step (it has no status yet: Progressing). */
  private Resource<GenericKubernetesResource> widgetOnceInHealthStep(TestNamespace ns)
      throws InterruptedException {
    Resource<GenericKubernetesResource> widget = client.genericKubernetesResources(group + "/v1", "Widget")
        .inNamespace(ns.name()).withName("w1");
    widget.waitUntilCondition(Objects::nonNull, BOUND.toSeconds(), TimeUnit.SECONDS);
    Instant until = Instant.now().plus(BOUND);
    while (!inHealthStep()) {
      assertThat(Instant.now()).as("the sync reaches its health step").isBefore(until);
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return widget;
  }

  private boolean inHealthStep() {
    AppStatus status = local.parts().status().get("widgets");
    return status != null && status.operation() != null && status.operation().step() == SyncStep.HEALTH;
  }

  /** The sync still waits in its health step after the rule read the patched object. */
  private void awaitHealthStepStill(CompletableFuture<ReconcileResult> sync) {
    assertThat(sync).isNotDone();
    assertThat(inHealthStep()).isTrue();
  }

  private static void patchStatus(Resource<GenericKubernetesResource> widget, String status) {
    widget.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }

  private static GenericKubernetesResource crd(String group) {
    return Serialization.unmarshal("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.%1$s}
        spec:
          group: %1$s
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
            - name: v1
              served: true
              storage: true
              subresources: {status: {}}
              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """.formatted(group), GenericKubernetesResource.class);
  }
}
