package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectWideningTest {

  private static final String STORED = """
      description: team a
      sourceRepos:
        - https://git.example.com/team-a/*
        - https://git.example.com/shared/*
        - '!https://git.example.com/team-a/secret'
      destinations:
        - {name: c1, namespace: team-a}
        - {name: c1, namespace: team-a-dev}
        - {server: '*', namespace: '!kube-system'}
      clusterResourceWhitelist: [{group: '', kind: Namespace}]
      clusterResourceBlacklist: [{group: rbac.authorization.k8s.io, kind: ClusterRole}]
      namespaceResourceWhitelist: [{group: apps, kind: Deployment}, {group: '', kind: ConfigMap}]
      namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]
      sourceNamespaces: [team-a]
      secretReferencePrefixes: [team-a/, shared/tls/]
      roles: [{name: ci}]
      """;

  private static final String ALLOW_NIGHT = "{kind: allow, schedule: '0 22 * * *', duration: 1h, applications: ['*']}";
  private static final String ALLOW_MORNING = "{kind: allow, schedule: '0 6 * * *', duration: 1h, applications: ['*']}";
  private static final String ALLOW_WEB = "{kind: allow, schedule: '0 6 * * *', duration: 1h, applications: [web]}";
  private static final String ALLOW_API = "{kind: allow, schedule: '0 22 * * *', duration: 1h, applications: [api]}";
  private static final String DENY_FRIDAY = "{kind: deny, schedule: '0 0 * * 5', duration: 24h, namespaces: ['*']}";

  private final ProjectParser parser = new ProjectParser();

  private Project project(String name, String spec) {
    return parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: %s}
        spec:
        """.formatted(name) + spec.indent(2), "project " + name);
  }

  private Project teamA(String spec) {
    return project("team-a", spec);
  }

  private List<String> widening(String stored, String proposed) {
    return ProjectWidening.find(teamA(stored), teamA(proposed));
  }

  private static String windows(String... windows) {
    return "syncWindows: [" + String.join(", ", windows) + "]\n";
  }

  @Test
  void aPureNarrowingAndChangesToFieldsNotEnforcedWidenNothing() {
    String narrowed = """
        description: team a, narrowed
        sourceRepos:
          - https://git.example.com/team-a/*
          - '!https://git.example.com/team-a/secret'
          - '!https://git.example.com/team-a/old'
        destinations:
          - {name: c1, namespace: team-a}
          - {server: '*', namespace: '!kube-system'}
        clusterResourceWhitelist: []
        clusterResourceBlacklist: [{group: rbac.authorization.k8s.io, kind: ClusterRole}, {group: '', kind: Namespace}]
        namespaceResourceWhitelist: [{group: apps, kind: Deployment}]
        namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}, {group: '', kind: Secret}]
        sourceNamespaces: []
        secretReferencePrefixes: [team-a/]
        roles: [{name: ci}, {name: deployers}]
        signatureKeys: [{keyID: 4AEE18F83AFDEB23}]
        """ + windows(DENY_FRIDAY, ALLOW_NIGHT);
    assertThat(widening(STORED, narrowed)).isEmpty();
    assertThat(widening(STORED, STORED)).isEmpty();
  }

  @Test
  void turningOffOwnWebhookSecretsWidensAndTurningThemOnDoesNot() {
    String owning = STORED + "ownWebhookSecrets: true\n";
    assertThat(widening(owning, STORED)).containsExactly(
        "spec.ownWebhookSecrets: turned off, so the repository-wide webhook secret triggers the project");
    assertThat(widening(STORED, owning)).isEmpty();
  }

  @Test
  void aSourceRepoAddedWidens() {
    assertThat(widening(STORED, STORED.replace("  - https://git.example.com/shared/*\n",
        "  - https://git.example.com/shared/*\n  - https://github.com/x/*\n")))
        .containsExactly("spec.sourceRepos: adds https://github.com/x/*");
  }

  @Test
  void aSourceRepoNegationRemovedWidens() {
    assertThat(widening(STORED, STORED.replace("  - '!https://git.example.com/team-a/secret'\n", "")))
        .containsExactly("spec.sourceRepos: removes !https://git.example.com/team-a/secret");
  }

  @Test
  void aGlobReplacedByANarrowerGlobCountsAsWideningBecauseEntriesCompareByText() {
    assertThat(widening(STORED, STORED.replace("team-a/*\n", "team-a/web-*\n")))
        .containsExactly("spec.sourceRepos: adds https://git.example.com/team-a/web-*");
  }

  @Test
  void aDestinationAddedWidensEvenOneWithANegation() {
    assertThat(widening(STORED, STORED.replace("  - {name: c1, namespace: team-a}\n",
        "  - {name: c1, namespace: team-a}\n  - {name: c2, namespace: team-a}\n  - {name: c3, namespace: '!team-b'}\n")))
        .containsExactly("spec.destinations: adds name c2, namespace team-a",
            "spec.destinations: adds name c3, namespace !team-b");
  }

  @Test
  void aDestinationWithANegationRemovedWidensAndAPositiveOneRemovedDoesNot() {
    assertThat(widening(STORED, STORED.replace("  - {server: '*', namespace: '!kube-system'}\n", "")
        .replace("  - {name: c1, namespace: team-a-dev}\n", "")))
        .containsExactly("spec.destinations: removes server *, namespace !kube-system");
  }

  @Test
  void aClusterKindAllowedOrNoLongerDeniedWidens() {
    assertThat(widening(STORED, STORED.replace("clusterResourceWhitelist: [{group: '', kind: Namespace}]",
        "clusterResourceWhitelist: [{group: '', kind: Namespace}, {group: '*', kind: '*'}]")
        .replace("clusterResourceBlacklist: [{group: rbac.authorization.k8s.io, kind: ClusterRole}]",
            "clusterResourceBlacklist: []")))
        .containsExactly("spec.clusterResourceWhitelist: adds */*",
            "spec.clusterResourceBlacklist: removes rbac.authorization.k8s.io/ClusterRole");
  }

  @Test
  void aNamespacedKindAllowedOrNoLongerDeniedWidens() {
    assertThat(widening(STORED, STORED.replace("{group: '', kind: ConfigMap}]", "{group: '', kind: ConfigMap}, "
        + "{group: '', kind: Secret, name: 'tls-*'}]").replace("namespaceResourceBlacklist: [{group: '', kind: "
        + "ResourceQuota}]", "")))
        .containsExactly("spec.namespaceResourceWhitelist: adds Secret tls-*",
            "spec.namespaceResourceBlacklist: removes ResourceQuota");
  }

  @Test
  void droppingTheNamespaceWhitelistWidensAndWritingOneNarrows() {
    String without = STORED.replace("namespaceResourceWhitelist: [{group: apps, kind: Deployment}, {group: '', kind: "
        + "ConfigMap}]\n", "");
    assertThat(widening(STORED, without))
        .containsExactly("spec.namespaceResourceWhitelist: removed, which allows every namespaced kind");
    assertThat(widening(without, STORED)).isEmpty();
  }

  @Test
  void aSourceNamespaceAddedWidens() {
    assertThat(widening(STORED, STORED.replace("sourceNamespaces: [team-a]", "sourceNamespaces: [team-a, '*']")))
        .containsExactly("spec.sourceNamespaces: adds *");
  }

  @Test
  void aSecretReferencePrefixAddedWidens() {
    assertThat(widening(STORED, STORED.replace("[team-a/, shared/tls/]", "[team-a/, shared/tls/, shared/]")))
        .containsExactly("spec.secretReferencePrefixes: adds shared/");
  }

  @Test
  void secretReferencePrefixesRemovedWidenWhenTheDefaultIsWider() {
    String noPrefixes = STORED.replace("secretReferencePrefixes: [team-a/, shared/tls/]\n", "");
    assertThat(widening(STORED.replace("[team-a/, shared/tls/]", "[team-a/web/]"), noPrefixes))
        .containsExactly("spec.secretReferencePrefixes: adds team-a/ (the default when the field is absent)");
    assertThat(widening(STORED, noPrefixes)).isEmpty();
    assertThat(ProjectWidening.find(project("default", "secretReferencePrefixes: [apps/]"),
        project("default", "sourceRepos: []")))
        .containsExactly("spec.secretReferencePrefixes: adds '' (every reference) (the default when the field is "
            + "absent)");
  }

  @Test
  void aDenyWindowRemovedOrChangedWidensAndOneAddedDoesNot() {
    assertThat(widening(windows(DENY_FRIDAY), windows()))
        .containsExactly("spec.syncWindows: removes or changes deny 0 0 * * 5 24h (UTC), which held syncs");
    assertThat(widening(windows(DENY_FRIDAY), windows(DENY_FRIDAY.replace("24h", "12h"))))
        .containsExactly("spec.syncWindows: removes or changes deny 0 0 * * 5 24h (UTC), which held syncs");
    assertThat(widening(windows(), windows(DENY_FRIDAY))).isEmpty();
  }

  @Test
  void aDenyWindowWithManualSyncAddedBesideAllowWindowsWidens() {
    String manual = DENY_FRIDAY.replace("}", ", manualSync: true}");
    assertThat(widening(windows(ALLOW_NIGHT), windows(ALLOW_NIGHT, manual)))
        .containsExactly("spec.syncWindows: adds deny 0 0 * * 5 24h (UTC) with manualSync, which lets manual syncs "
            + "held outside the allow windows through");
    assertThat(widening(windows(), windows(manual))).isEmpty();
  }

  @Test
  void anAllowWindowAddedWidensOnlyWhereAllowWindowsAlreadyHeldSyncs() {
    assertThat(widening(windows(), windows(ALLOW_NIGHT))).isEmpty();
    assertThat(widening(windows(ALLOW_NIGHT), windows(ALLOW_NIGHT, ALLOW_MORNING)))
        .containsExactly("spec.syncWindows: adds or changes allow 0 6 * * * 1h (UTC), opening time where allow "
            + "windows held syncs");
  }

  @Test
  void theLastAllowWindowRemovedWidens() {
    assertThat(widening(windows(ALLOW_NIGHT), windows()))
        .containsExactly("spec.syncWindows: removes or changes allow 0 22 * * * 1h (UTC), which frees what only it "
            + "held to sync at any time");
  }

  @Test
  void anAllowWindowRemovedNarrowsOnlyWhileAnotherHoldsTheSameTargets() {
    assertThat(widening(windows(ALLOW_NIGHT, ALLOW_MORNING), windows(ALLOW_NIGHT))).isEmpty();
    assertThat(widening(windows(ALLOW_WEB, ALLOW_API), windows(ALLOW_WEB)))
        .containsExactly("spec.syncWindows: removes or changes allow 0 22 * * * 1h (UTC), which frees what only it "
            + "held to sync at any time");
  }

  @Test
  void anAllowWindowChangedWidens() {
    assertThat(widening(windows(ALLOW_NIGHT), windows(ALLOW_NIGHT.replace("1h", "8h"))))
        .containsExactly("spec.syncWindows: adds or changes allow 0 22 * * * 8h (UTC), opening time where allow "
            + "windows held syncs");
  }

  @Test
  void twoDifferentProjectsAreNotCompared() {
    assertThatThrownBy(() -> ProjectWidening.find(teamA(STORED), project("team-b", STORED)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("project team-b: compared with project team-a");
  }
}
