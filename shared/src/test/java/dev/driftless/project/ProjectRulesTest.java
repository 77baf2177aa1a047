package dev.driftless.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.model.Application;
import dev.driftless.model.ObjectKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectRulesTest {

  private static final String REFS = "driftless/refs/";
  private static final DestinationCluster C1 = new DestinationCluster("c1", "https://c1.example.com");

  private final ProjectParser parser = new ProjectParser();

  private ProjectRules rules(String name, String spec) {
    return new ProjectRules(parser.parse("""
        apiVersion: driftless.dev/v1alpha1
        kind: AppProject
        metadata: {name: %s}
        spec:
        """.formatted(name) + spec.indent(2), name), REFS);
  }

  private static Application app(String repo, String cluster, String namespace) {
    return new Application("web", "team-a", new Application.Source(repo, "main", "apps/web", null, null, null, null),
        new Application.Destination(cluster, namespace), null, null);
  }

  private static final String TEAM_A = """
      sourceRepos: ['https://git.example.com/team-a/*']
      destinations: [{name: c1, namespace: team-a}, {server: 'https://c2.example.com', namespace: 'team-a-*'}]
      """;

  @Test
  void anApplicationInsideTheProjectHasNoViolations() {
    assertThat(rules("team-a", TEAM_A).checkApplication(app("https://git.example.com/team-a/web.git", "c1", "team-a"),
        C1)).isEmpty();
  }

  @Test
  void aSourceOutsideSourceReposIsNamedWithTheRule() {
    assertThat(rules("team-a", TEAM_A).checkApplication(app("https://git.example.com/team-b/web", "c1", "team-a"), C1))
        .extracting(Violation::toString)
        .containsExactly("spec.source.repoURL https://git.example.com/team-b/web: not permitted by sourceRepos of "
            + "project team-a");
  }

  @Test
  void everySourceOfSeveralIsHeldToSourceReposAndTheOneOutsideIsNamed() {
    Application.Source inside = new Application.Source("https://git.example.com/team-a/web.git", "main", "apps/web",
        null, null, null, null);
    Application.Source values = new Application.Source("https://git.example.com/team-b/secrets.git", "main", null,
        null, Application.RenderKind.REFERENCE, null, null, null, null, "values");
    Application app = new Application("web", "team-a", inside, new Application.Destination("c1", "team-a"), null,
        null, List.of(inside, values));

    assertThat(rules("team-a", TEAM_A).checkApplication(app, C1))
        .extracting(Violation::toString)
        .containsExactly("spec.sources[1].repoURL https://git.example.com/team-b/secrets.git: not permitted by"
            + " sourceRepos of project team-a");
  }

  @Test
  void aDestinationNamespaceOutsideTheProjectIsNamed() {
    assertThat(rules("team-a", TEAM_A).checkApplication(app("https://git.example.com/team-a/web", "c1", "team-b"), C1))
        .extracting(Violation::toString)
        .containsExactly("spec.destination: cluster c1 (https://c1.example.com), namespace team-b is not a destination "
            + "of project team-a");
  }

  @Test
  void aDestinationMatchesByServerAsWellAsByName() {
    DestinationCluster c2 = new DestinationCluster("second", "https://c2.example.com");
    assertThat(rules("team-a", TEAM_A).checkApplication(app("https://git.example.com/team-a/web", "second",
        "team-a-dev"), c2)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "git@github.com:acme/scratch.git, false",
      "https://GitHub.com/acme/scratch, false",
      "https://gitlab.com/sandbox/deep/nested/repo, false",
      "https://gitlab.com/other/repo, true",
      "https://github.com/acme/web, true",
  })
  void aMatchingNegatedSourceRepoDeniesAndWins(String repo, boolean allowed) {
    ProjectRules r = new ProjectRules(parser.parse(ProjectParserTest.fixture("argo-negations.yaml"), "x"), REFS);
    assertThat(r.sourcePermitted(repo)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "https://c1.example.com, team-a, true",
      "https://c1.example.com, kube-system, false",
      "https://team9-prod.example.com, team-a, false",
  })
  void aMatchingNegatedDestinationDenies(String server, String namespace, boolean allowed) {
    ProjectRules r = new ProjectRules(parser.parse(ProjectParserTest.fixture("argo-negations.yaml"), "x"), REFS);
    assertThat(r.destinationPermitted(new DestinationCluster("any", server), namespace)).isEqualTo(allowed);
  }

  @Test
  void noMatchingSourceRepoDenies() {
    assertThat(rules("empty", "description: nothing").sourcePermitted("https://github.com/acme/web")).isFalse();
  }

  @Test
  void clusterScopedKindsAreDeniedUnlessWhitelisted() {
    ProjectRules r = rules("team-a", TEAM_A);
    ObjectKey clusterRole = new ObjectKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader");

    assertThat(r.checkObject(clusterRole, false, C1)).map(Violation::toString).contains(
        "rbac.authorization.k8s.io/ClusterRole reader: cluster-scoped and not in clusterResourceWhitelist of project "
            + "team-a");
  }

  @Test
  void aWhitelistedClusterKindIsAllowedUnlessBlacklistedByName() {
    ProjectRules r = new ProjectRules(parser.parse(ProjectParserTest.fixture("argo-full-example.yaml"), "x"), REFS);

    assertThat(r.checkObject(new ObjectKey("", "Namespace", "", "payments-dev"), false, C1)).isEmpty();
    assertThat(r.checkObject(new ObjectKey("", "Namespace", "", "kube-public"), false, C1)).map(Violation::rule)
        .contains("in clusterResourceBlacklist of project payments");
  }

  @Test
  void namespacedKindsFollowTheWhitelistWhenOneIsGivenAndTheBlacklistAlways() {
    DestinationCluster inCluster = new DestinationCluster("in-cluster", "https://kubernetes.default.svc");
    ProjectRules r = new ProjectRules(parser.parse(ProjectParserTest.fixture("argo-full-example.yaml"), "x"), REFS);

    assertThat(r.checkObject(new ObjectKey("apps", "Deployment", "payments", "web"), true, inCluster)).isEmpty();
    assertThat(r.checkObject(new ObjectKey("", "ConfigMap", "payments", "web"), true, inCluster))
        .map(Violation::toString).contains("ConfigMap payments/web: not in namespaceResourceWhitelist of project "
            + "payments");
    ProjectRules blacklistOnly = rules("b", "destinations: [{name: c1, namespace: '*'}]\n"
        + "namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]");
    assertThat(blacklistOnly.checkObject(new ObjectKey("", "ConfigMap", "x", "a"), true, C1)).isEmpty();
    assertThat(blacklistOnly.checkObject(new ObjectKey("", "ResourceQuota", "x", "a"), true, C1))
        .map(Violation::rule).contains("in namespaceResourceBlacklist of project b");
  }

  @Test
  void anEmptyNamespaceWhitelistAllowsNoNamespacedKind() {
    ProjectRules r = rules("none", "destinations: [{name: c1, namespace: '*'}]\nnamespaceResourceWhitelist: []");
    assertThat(r.checkObject(new ObjectKey("", "ConfigMap", "x", "a"), true, C1)).isPresent();
  }

  @Test
  void groupEmptyMatchesOnlyTheCoreGroupAndStarMatchesEvery() {
    ProjectRules core = rules("core", "clusterResourceWhitelist: [{group: '', kind: '*'}]");
    assertThat(core.checkObject(new ObjectKey("", "Namespace", "", "a"), false, C1)).isEmpty();
    assertThat(core.checkObject(new ObjectKey("rbac.authorization.k8s.io", "ClusterRole", "", "a"), false, C1))
        .isPresent();
    ProjectRules any = rules("any", "clusterResourceWhitelist: [{group: '*', kind: '*'}]");
    assertThat(any.checkObject(new ObjectKey("", "Namespace", "", "a"), false, C1)).isEmpty();
  }

  @Test
  void anObjectInANamespaceOutsideTheDestinationsIsNamedWithTheRule() {
    assertThat(rules("team-a", TEAM_A).checkObject(new ObjectKey("apps", "Deployment", "team-b", "web"), true, C1))
        .map(Violation::toString).contains("apps/Deployment team-b/web: namespace team-b is not a destination of "
            + "project team-a (cluster c1 (https://c1.example.com))");
  }

  @Test
  void secretReferencesDefaultToTheProjectsOwnPrefix() {
    ProjectRules r = rules("team-a", TEAM_A);

    assertThat(r.secretReferenceAllowed("driftless/refs/team-a/db")).isTrue();
    assertThat(r.secretReferenceAllowed("driftless/refs/team-b/db")).isFalse();
    assertThat(r.secretReferenceAllowed("driftless/refs/team-a/../team-b/db")).isFalse();
    assertThat(r.secretReferenceAllowed("driftless/refs/team-a/")).isFalse();
    assertThat(r.secretReferencePrefixes()).containsExactly("driftless/refs/team-a/");
  }

  @Test
  void writtenSecretReferencePrefixesReplaceTheDefault() {
    ProjectRules r = rules("team-a", "secretReferencePrefixes: [shared/tls/]");

    assertThat(r.secretReferenceAllowed("driftless/refs/shared/tls/cert")).isTrue();
    assertThat(r.secretReferenceAllowed("driftless/refs/team-a/db")).isFalse();
  }

  @Test
  void thePermissiveDefaultAllowsEverythingAndEveryReferenceUnderRefs() {
    ProjectRules r = new ProjectRules(Project.permissiveDefault(), REFS);

    assertThat(r.checkApplication(app("https://anything/x", "c9", "ns"), DestinationCluster.named("c9"))).isEmpty();
    assertThat(r.checkObject(new ObjectKey("rbac.authorization.k8s.io", "ClusterRole", "", "a"), false, C1)).isEmpty();
    assertThat(r.checkObject(new ObjectKey("apps", "Deployment", "any", "a"), true, C1)).isEmpty();
    assertThat(r.secretReferenceAllowed("driftless/refs/team-z/x")).isTrue();
    assertThat(r.secretReferenceAllowed("driftless/clusters/c1")).isFalse();
  }

  @Test
  void theRestrictedDefaultAllowsNothing() {
    ProjectRules r = new ProjectRules(Project.restrictedDefault(), REFS);

    assertThat(r.checkApplication(app("https://anything/x", "c1", "ns"), C1)).hasSize(2);
    assertThat(r.checkObject(new ObjectKey("", "ConfigMap", "ns", "a"), true, C1)).isPresent();
    assertThat(r.secretReferenceAllowed("driftless/refs/x")).isFalse();
  }

  @Test
  void unenforcedFieldsStayListed() {
    assertThat(rules("r", "roles: [{name: viewer}]").project().notEnforced()).isEqualTo(List.of("roles"));
  }
}
