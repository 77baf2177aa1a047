package dev.driftless.reconcile;

import static dev.driftless.fixture.SampleManifests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.fixture.LocalDriftless;
import dev.driftless.fixture.SampleManifests;
import dev.driftless.fixture.TestClock;
import dev.driftless.project.ProjectViolationException;
import dev.driftless.project.Projects;
import dev.driftless.secrets.SecretResolver;
import dev.driftless.secrets.SecretResolverOptions;
import dev.driftless.secrets.SecretValues;
import dev.driftless.secrets.SecretVersion;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.secrets.SecretsManagerClient;
import dev.driftless.source.TestRepo;
import dev.driftless.state.HistoryEntry;
import dev.driftless.state.OperationResult;
import dev.driftless.state.ProjectStore;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.LocalClusters;
import dev.driftless.testkit.LocalKubernetes;
import dev.driftless.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects enforced by the engine, against the local control planes (two clusters) and moto: team-a owns one
 * namespace on c1 and one on c2, team-b another namespace on c1. Every refusal happens before anything is
 * written.
 */
@LocalAws
@LocalKubernetes
class ProjectEnforcementIT {

  @TempDir Path tmp;
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));
  private final List<Runnable> cleanup = new ArrayList<>();
  private LocalDriftless local;
  private ProjectStore projects;
  private KubernetesClient c1;
  private KubernetesClient c2;
  private String nsA;
  private String nsB;
  private String nsA2;

  @BeforeEach
  void wire(LocalClusters clusters, TestNamespace ns) {
    local = LocalDriftless.start(tmp, (type, detail) -> {
      Map<String, Object> e = new HashMap<>(detail);
      e.put("type", type);
      events.add(e);
    }).withClusters(clusters, "c1", "c2").withClock(clock);
    projects = new ProjectStore(local.ddb, local.settings.table(), clock);
    c1 = ns.client();
    c2 = clusters.client("c2");
    nsA = ns.name();
    nsB = namespace(c1, nsA + "-b");
    nsA2 = namespace(c2, nsA + "-a2");
    project("team-a", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: %s}, {name: c2, namespace: %s}]
        """.formatted(nsA, nsA2));
    project("team-b", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: %s}]
        """.formatted(nsB));
  }

  @AfterEach
  void close() {
    cleanup.forEach(Runnable::run);
    local.close();
  }

  private String namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    cleanup.add(() -> client.namespaces().withName(name).delete());
    return name;
  }

  private long project(String name, String spec) {
    long version = projects.get(name).map(ProjectStore.Stored::version).orElse(0L);
    return projects.put("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: %s}
        spec:
        """.formatted(name) + spec.indent(2), name, version);
  }

  private void application(String name, String project, String cluster, String namespace, String path) {
    local.parts().applications().put("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: %s}
        spec:
          project: %s
          source: {repoURL: "%s", targetRevision: main, path: %s}
          destination: {name: %s, namespace: %s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(name, project, local.repo.fileUrl(), path, cluster, namespace), name, 0);
  }

  private ReconcileResult run(ReconcileRequest req) {
    return local.reconciler().reconcile(req, clock.instant().plus(Duration.ofMinutes(2)));
  }

  private static String configMap(String name, String namespace) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s%s}
        data: {mode: blue}
        """.formatted(name, namespace == null ? "" : ", namespace: " + namespace);
  }

  @Test
  void anObjectInANamespaceOutsideTheProjectsDestinationsFailsThePlanAndNothingIsWritten() {
    var c = local.repo.commit("two namespaces", TestRepo.files("apps/a/mine.yaml", configMap("mine", null),
        "apps/a/theirs.yaml", configMap("theirs", nsB)));
    application("web-a", "team-a", "c1", nsA, "apps/a");

    ReconcileResult r = run(ReconcileRequest.push("web-a", c.getName()));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).startsWith("application web-a: refused by project team-a (1 violation): ConfigMap "
        + nsB + "/theirs: namespace " + nsB + " is not a destination of project team-a");
    assertThat(c1.configMaps().inNamespace(nsA).withName("mine").get()).as("nothing written").isNull();
    assertThat(c1.configMaps().inNamespace(nsB).withName("theirs").get()).isNull();
    assertThat(local.parts().status().get("web-a").inventory().entries()).isEmpty();
    assertThatThrownBy(() -> local.reconciler().diff("web-a", null)).as("diff refuses alike")
        .isInstanceOf(ProjectViolationException.class).hasMessageContaining("namespace " + nsB + " is not");
  }

  @Test
  void aClusterRoleNotInTheClusterResourceWhitelistFailsThePlanNamingItsKindAndTheRule() {
    String role = "reader-" + nsA;
    var c = local.repo.commit("a cluster role", TestRepo.files("apps/a/config.yaml", configMap("settings", null),
        "apps/a/role.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: %s}
            rules: [{apiGroups: [''], resources: [configmaps], verbs: [get]}]
            """.formatted(role)));
    application("rbac-a", "team-a", "c1", nsA, "apps/a");

    ReconcileResult r = run(ReconcileRequest.push("rbac-a", c.getName()));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).contains("rbac.authorization.k8s.io/ClusterRole " + role
        + ": cluster-scoped and not in clusterResourceWhitelist of project team-a");
    assertThat(c1.rbac().clusterRoles().withName(role).get()).isNull();
    assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get()).isNull();
    assertThat(local.parts().status().history("rbac-a", 10)).singleElement()
        .satisfies(h -> assertThat(h.message()).contains("ClusterRole " + role));

    project("team-a", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: %s}]
        clusterResourceWhitelist: [{group: rbac.authorization.k8s.io, kind: ClusterRole}]
        """.formatted(nsA));
    cleanup.add(() -> c1.rbac().clusterRoles().withName(role).delete());
    ReconcileResult allowed = run(ReconcileRequest.manual("rbac-a"));
    assertThat(allowed.result()).as(allowed.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(c1.rbac().clusterRoles().withName(role).get()).isNotNull();
  }

  @Test
  void aSecretReferenceOutsideTheProjectsPrefixesIsRefusedBeforeAnySecretIsRead() {
    String canary = "canary-" + UUID.randomUUID();
    String own = "driftless/refs/team-a/db-" + UUID.randomUUID();
    String theirs = "driftless/refs/team-b/db-" + UUID.randomUUID();
    local.secretsManager.createSecret(s -> s.name(own).secretString("{\"password\": \"own-value\"}"));
    local.secretsManager.createSecret(s -> s.name(theirs).secretString("{\"password\": \"" + canary + "\"}"));
    CountingSecrets reads = new CountingSecrets(new SecretsManagerClient(local.secretsManager));
    Reconciler counted = new Reconciler(withResolver(new SecretResolver(reads, clock,
        SecretResolverOptions.defaults())), Wiring.options(local.settings), clock);
    application("sec-a", "team-a", "c1", nsA, "apps/a");

    var ownRef = local.repo.commit("own", TestRepo.files("apps/a/db.yaml", SampleManifests.dbSecret(own)));
    ReconcileResult ok = counted.reconcile(ReconcileRequest.push("sec-a", ownRef.getName()),
        clock.instant().plus(Duration.ofMinutes(2)));
    assertThat(ok.result()).as(ok.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(reads.ids).containsExactly(own);

    var theirRef = local.repo.commit("theirs", TestRepo.files("apps/a/db.yaml", SampleManifests.dbSecret(theirs)));
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ReconcileResult refused;
    try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      refused = counted.reconcile(ReconcileRequest.push("sec-a", theirRef.getName()),
          clock.instant().plus(Duration.ofMinutes(2)));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(refused.result()).isEqualTo(OperationResult.FAILED);
    assertThat(refused.message()).contains("Secret db: stringData.password: {{resolve:secretsmanager:"
        + theirs + ":SecretString:password}}: secret " + theirs + " is outside the reference prefixes of project "
        + "team-a [driftless/refs/team-a/]");
    assertThat(reads.ids).as("no secret read for the refused reference").containsExactly(own);
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(canary);
    assertThat(events.toString()).doesNotContain(canary);
    assertThat(local.ddb.scan(s -> s.tableName(local.settings.table())).items().toString()).doesNotContain(canary);
    assertThat(new String(Base64.getDecoder().decode(
        c1.secrets().inNamespace(nsA).withName("db").get().getData().get("password")), StandardCharsets.UTF_8))
        .as("the Secret keeps the value of the last allowed sync").isEqualTo("own-value");
  }

  private Reconciler.Parts withResolver(SecretResolver resolver) {
    Reconciler.Parts p = local.parts();
    return new Reconciler.Parts(p.applications(), p.status(), p.leases(), p.clusters(), p.source(), p.renderer(),
        resolver, p.clients(), p.events(), p.projects());
  }

  @Test
  void aDenyWindowHoldsAutomatedSyncsAndTheFirstScanAfterItSyncsTheHeldCommit() {
    project("team-a", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: %s}]
        syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, applications: ['*']}]
        """.formatted(nsA));
    application("win-a", "team-a", "c1", nsA, "apps/a");
    var c = local.repo.commit("first", TestRepo.files("apps/a/config.yaml", CONFIG));
    clock.advance(Duration.ofHours(10).plusMinutes(30));

    ReconcileResult held = run(ReconcileRequest.push("win-a", c.getName()));

    String reason = "held by sync window deny 0 22 * * * 1h (UTC) until 2026-12-06T23:00:00Z";
    assertThat(held.result()).as(held.message()).isEqualTo(OperationResult.WAITING);
    assertThat(held.message()).isEqualTo(reason);
    assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get()).as("nothing applied").isNull();
    assertThat(local.parts().status().history("win-a", 10)).singleElement().satisfies(h -> {
      assertThat(h.result()).isEqualTo(OperationResult.WAITING);
      assertThat(h.message()).isEqualTo(reason);
    });
    assertThat(local.parts().status().get("win-a").lastResult()).isEqualTo(OperationResult.WAITING);
    assertThat(events).anyMatch(e -> "Sync Waiting".equals(e.get("type")) && reason.equals(e.get("message")));

    ReconcileResult scanInside = run(ReconcileRequest.scan("win-a"));
    assertThat(scanInside.result()).isEqualTo(OperationResult.WAITING);
    assertThat(local.parts().status().history("win-a", 10)).as("the same hold is recorded once").hasSize(1);

    ReconcileResult manual = run(ReconcileRequest.manual("win-a"));
    assertThat(manual.result()).isEqualTo(OperationResult.FAILED);
    assertThat(manual.message()).isEqualTo("manual sync refused: " + reason + " (the window does not allow manual "
        + "syncs)");
    assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get()).isNull();

    clock.advance(Duration.ofHours(1));
    ReconcileResult after = run(ReconcileRequest.scan("win-a"));
    assertThat(after.result()).as(after.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(after.revision()).isEqualTo(c.getName());
    assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get()).isNotNull();
    assertThat(local.parts().status().get("win-a").revision()).isEqualTo(c.getName());
  }

  @Test
  void aManualSyncPassesADenyWindowThatAllowsManualSyncs() {
    project("team-b", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: %s}]
        syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, namespaces: ['*'], manualSync: true}]
        """.formatted(nsB));
    application("win-b", "team-b", "c1", nsB, "apps/b");
    var c = local.repo.commit("first", TestRepo.files("apps/b/config.yaml", CONFIG));
    clock.advance(Duration.ofHours(10).plusMinutes(30));

    assertThat(run(ReconcileRequest.push("win-b", c.getName())).result()).isEqualTo(OperationResult.WAITING);
    ReconcileResult manual = run(ReconcileRequest.manual("win-b"));

    assertThat(manual.result()).as(manual.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(c1.configMaps().inNamespace(nsB).withName("settings").get()).isNotNull();
  }

  @Test
  void narrowingAProjectMakesTheNextPlanOfARegisteredApplicationFail() {
    application("narrow-a", "team-a", "c1", nsA, "apps/a");
    var first = local.repo.commit("first", TestRepo.files("apps/a/config.yaml", CONFIG));
    assertThat(run(ReconcileRequest.push("narrow-a", first.getName())).result()).isEqualTo(OperationResult.SUCCEEDED);

    project("team-a", """
        sourceRepos: ['*']
        destinations: [{name: c1, namespace: elsewhere}]
        """);
    var second = local.repo.commit("second", TestRepo.files("apps/a/config.yaml", CONFIG.replace("blue", "green")));
    ReconcileResult r = run(ReconcileRequest.push("narrow-a", second.getName()));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).contains("spec.destination: cluster c1").contains("namespace " + nsA
        + " is not a destination of project team-a");
    assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get().getData()).containsEntry("mode", "blue");
  }

  @Test
  void aProjectAllowsItsNamespaceOnTheSecondClusterAndRefusesAnotherProjectThere() {
    var c = local.repo.commit("first", TestRepo.files("apps/a/config.yaml", CONFIG));
    application("far-a", "team-a", "c2", nsA2, "apps/a");
    application("far-b", "team-b", "c2", nsA2, "apps/a");

    ReconcileResult allowed = run(ReconcileRequest.push("far-a", c.getName()));
    assertThat(allowed.result()).as(allowed.message()).isEqualTo(OperationResult.SUCCEEDED);
    assertThat(c2.configMaps().inNamespace(nsA2).withName("settings").get()).isNotNull();

    ReconcileResult refused = run(ReconcileRequest.manual("far-b"));
    assertThat(refused.result()).isEqualTo(OperationResult.FAILED);
    assertThat(refused.message()).contains("refused by project team-b").contains("namespace " + nsA2
        + " is not a destination of project team-b");
    assertThat(local.parts().status().history("far-b", 10)).extracting(HistoryEntry::result)
        .containsExactly(OperationResult.FAILED);
  }

  @Test
  void aSourceOutsideTheProjectsRepositoriesIsRefusedBeforeTheFetch() {
    project("team-a", """
        sourceRepos: ['https://git.example.com/team-a/*']
        destinations: [{name: c1, namespace: %s}]
        """.formatted(nsA));
    application("src-a", "team-a", "c1", nsA, "apps/a");

    ReconcileResult r = run(ReconcileRequest.manual("src-a"));

    assertThat(r.result()).isEqualTo(OperationResult.FAILED);
    assertThat(r.message()).isEqualTo("application src-a: refused by project team-a (1 violation): spec.source.repoURL "
        + local.repo.fileUrl() + ": not permitted by sourceRepos of project team-a");
  }

  @Test
  void theRestrictedImplicitDefaultProjectRefusesAnApplicationWithoutAProjectAndSaysWhy() {
    local.repo.commit("first", TestRepo.files("apps/web/config.yaml", CONFIG));
    local.parts().applications().put(local.application("plain", nsA), "plain", 0);
    Reconciler.Parts restricted = Wiring.parts(local.settings.withDefaultProject(Projects.ImplicitDefault.RESTRICTED),
        local.ddb, new SecretsManagerClient(local.secretsManager), (type, detail) -> { }, clock);
    try {
      ReconcileResult r = new Reconciler(restricted, Wiring.options(local.settings), clock)
          .reconcile(ReconcileRequest.manual("plain"), clock.instant().plus(Duration.ofMinutes(2)));

      assertThat(r.result()).isEqualTo(OperationResult.FAILED);
      assertThat(r.message()).startsWith("application plain: refused by project default (1 violation): "
          + "spec.source.repoURL").endsWith("DRIFTLESS_DEFAULT_PROJECT=restricted; register a default project)");
      assertThat(c1.configMaps().inNamespace(nsA).withName("settings").get()).isNull();
    } finally {
      restricted.clients().close();
    }
  }

  /** The real client, recording the ids it was asked to read. */
  private static final class CountingSecrets implements SecretsClient {
    final List<String> ids = new CopyOnWriteArrayList<>();
    private final SecretsClient delegate;

    CountingSecrets(SecretsClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<String> secretString(String id, String versionStage, String versionId) {
      ids.add(id);
      return delegate.secretString(id, versionStage, versionId);
    }

    @Override
    public SecretValues secretStrings(Collection<SecretVersion> versions) {
      versions.forEach(v -> ids.add(v.id()));
      return delegate.secretStrings(versions);
    }
  }
}
