package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectParserTest {

  private final ProjectParser parser = new ProjectParser();

  static String fixture(String name) {
    try (var in = ProjectParserTest.class.getResourceAsStream("/projects/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Project parse(String spec) {
    return parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: p}
        spec:
        """ + spec.indent(2), "p.yaml");
  }

  @Test
  void argoCdsFullExampleProjectParsesUnchangedWithEveryField() {
    Project p = parser.parse(fixture("argo-full-example.yaml"), "argo-full-example.yaml");

    assertThat(p.name()).isEqualTo("payments");
    assertThat(p.description()).isEqualTo("Payments team");
    assertThat(p.sourceRepos()).containsExactly("*");
    assertThat(p.destinations()).containsExactly(
        new Project.Destination("https://kubernetes.default.svc", "in-cluster", "payments"),
        new Project.Destination("https://kubernetes.default.svc", "in-cluster", "payments-*"));
    assertThat(p.clusterResourceWhitelist()).containsExactly(new Project.GroupKind("", "Namespace", null));
    assertThat(p.clusterResourceBlacklist()).containsExactly(new Project.GroupKind("", "Namespace", "kube-*"));
    assertThat(p.namespaceResourceWhitelist()).extracting(Project.GroupKind::kind)
        .containsExactly("Deployment", "StatefulSet");
    assertThat(p.namespaceResourceBlacklist()).extracting(Project.GroupKind::kind)
        .containsExactly("ResourceQuota", "LimitRange", "NetworkPolicy");
    assertThat(p.orphanedResources()).isEqualTo(new Project.OrphanedResources(false, List.of()));
    assertThat(p.sourceNamespaces()).containsExactly("payments-apps-*");
    assertThat(p.syncWindows()).extracting(SyncWindow::toString).containsExactly(
        "allow 10 1 * * * 1h (UTC)", "deny 0 22 * * * 1h (UTC)", "allow 0 23 * * * 1h (UTC)");
    assertThat(p.syncWindows().get(0).manualSync()).isTrue();
    assertThat(p.notEnforced()).contains("roles", "signatureKeys", "orphanedResources", "sourceNamespaces",
        "permitOnlyProjectScopedClusters", "destinationServiceAccounts");
    assertThat(p.referencePrefixes()).containsExactly("payments/");
  }

  @Test
  void argoCdsSyncWindowExamplesParseWithTimeZonesAndTheAndOperator() {
    Project p = parser.parse(fixture("argo-sync-windows.yaml"), "argo-sync-windows.yaml");

    assertThat(p.syncWindows()).hasSize(4);
    assertThat(p.syncWindows().get(1).timeZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
    assertThat(p.syncWindows().get(3).andOperator()).isTrue();
    assertThat(p.syncWindows().get(3).description()).isEqualTo("no changes to prod on cluster2 at night");
    assertThat(p.referencePrefixes()).as("the default project may reference all of refs/").containsExactly("");
  }

  @Test
  void argoCdsNegationExamplesParse() {
    Project p = parser.parse(fixture("argo-negations.yaml"), "argo-negations.yaml");

    assertThat(p.sourceRepos()).containsExactly("!ssh://git@GITHUB.com:acme/scratch", "!https://gitlab.com/sandbox/**",
        "*");
    assertThat(p.destinations()).extracting(Project.Destination::namespace).containsExactly("!kube-system", "*");
  }

  @Test
  void driftlessFormInJsonKeepsTheSecretReferencePrefixes() {
    Project p = parser.parse(fixture("driftless-team-a.json"), "driftless-team-a.json");

    assertThat(p.name()).isEqualTo("team-a");
    assertThat(p.destinations()).containsExactly(new Project.Destination(null, "c1", "team-a"));
    assertThat(p.referencePrefixes()).containsExactly("team-a/", "shared/tls/");
  }

  @Test
  void aMissingNamespaceResourceWhitelistAllowsAllWhileAnEmptyOneAllowsNone() {
    assertThat(parse("sourceRepos: ['*']").namespaceResourceWhitelist()).isNull();
    assertThat(parse("namespaceResourceWhitelist: []").namespaceResourceWhitelist()).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnoredAndReportedAsNotEnforced() {
    Project p = parse("sourceRepos: ['*']\nsomethingNew: {a: 1}");

    assertThat(p.sourceRepos()).containsExactly("*");
    assertThat(p.notEnforced()).containsExactly("somethingNew");
  }

  @Test
  void aSyncWindowsDurationIsReadAsGoWritesIt() {
    Project p = parse("syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h30m, clusters: ['*']}]");

    assertThat(p.syncWindows().get(0).duration()).isEqualTo(Duration.ofMinutes(90));
    assertThat(p.syncWindows().get(0).toString()).isEqualTo("deny 0 22 * * * 1h30m (UTC)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "destinations: [{name: c1, namespace: a}, {name: c2, namespace: [x]}]"
          + "|p.yaml: spec.destinations[1].namespace must be a string",
      "destinations: [{namespace: a}]|p.yaml: spec.destinations[0] needs server or name",
      "destinations: {name: c1}|p.yaml: spec.destinations must be a list",
      "sourceRepos: '*'|p.yaml: spec.sourceRepos must be a list of strings",
      "clusterResourceWhitelist: [{group: ''}]|p.yaml: spec.clusterResourceWhitelist[0].kind is required",
      "namespaceResourceBlacklist: [Deployment]|p.yaml: spec.namespaceResourceBlacklist[0] must be an object",
      "syncWindows: [{kind: maybe, schedule: '* * * * *', duration: 1h, clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].kind must be allow or deny, not maybe",
      "syncWindows: [{kind: deny, schedule: '0 25 * * *', duration: 1h, clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].schedule is not a cron schedule: hour '25' is outside 0-23",
      "syncWindows: [{kind: deny, schedule: '0 22 * *', duration: 1h, clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].schedule is not a cron schedule: expected 5 fields",
      "syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1 hour, clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].duration is not a duration like 5s, 3m or 1h30m: 1 hour",
      "syncWindows: [{kind: deny, schedule: '0 22 * * *', clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].duration is required",
      "syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, timeZone: Mars/Olympus, clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].timeZone is not an IANA time zone: Mars/Olympus",
      "syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h, manualSync: 'yes', clusters: ['*']}]"
          + "|p.yaml: spec.syncWindows[0].manualSync must be true or false",
      "syncWindows: [{kind: deny, schedule: '0 22 * * *', duration: 1h}]"
          + "|p.yaml: spec.syncWindows[0] needs one of applications, namespaces or clusters",
      "secretReferencePrefixes: ['../clusters/']|p.yaml: spec.secretReferencePrefixes[0] must be a secret name prefix",
      "secretReferencePrefixes: ['/team-a/']|p.yaml: spec.secretReferencePrefixes[0] must be a secret name prefix",
      "roles: [{description: no name}]|p.yaml: spec.roles[0].name is required",
      "orphanedResources: {warn: 1}|p.yaml: spec.orphanedResources.warn must be true or false",
      "ownWebhookSecrets: 'yes'|p.yaml: spec.ownWebhookSecrets must be true or false",
  })
  void aWrongFieldIsRefusedNamingTheField(String spec, String message) {
    assertThatThrownBy(() -> parse(spec)).isInstanceOf(InvalidProjectException.class).hasMessageStartingWith(message);
  }

  @Test
  void ownWebhookSecretsIsTheDriftlessExtensionEnforcedAndFalseWhenAbsent() {
    Project owning = parse("ownWebhookSecrets: true\nsourceRepos: ['*']");
    assertThat(owning.ownWebhookSecrets()).isTrue();
    assertThat(owning.notEnforced()).doesNotContain("ownWebhookSecrets");
    assertThat(parse("sourceRepos: ['*']").ownWebhookSecrets()).isFalse();
    assertThat(Project.permissiveDefault().ownWebhookSecrets()).isFalse();
  }

  @Test
  void theDocumentMustBeAnAppProjectOfAKnownApiVersion() {
    assertThatThrownBy(() -> parser.parse("apiVersion: v1\nkind: AppProject\nmetadata: {name: p}", "x"))
        .hasMessageStartingWith("x: apiVersion must be one of [argoproj.io/v1alpha1, driftless.dev/v1alpha1]");
    assertThatThrownBy(() -> parser.parse("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: p}",
        "x")).hasMessage("x: kind must be AppProject");
    assertThatThrownBy(() -> parser.parse("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: P_1}",
        "x")).hasMessageStartingWith("x: metadata.name must be a DNS label");
    assertThatThrownBy(() -> parser.parse("[1, 2", "x")).hasMessageStartingWith("x: not valid YAML or JSON");
  }
}
