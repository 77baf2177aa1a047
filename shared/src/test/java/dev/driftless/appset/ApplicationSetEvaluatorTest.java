package dev.driftless.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.cluster.ClusterRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ApplicationSets shaped like Argo CD's documented examples (written here), over two clusters and a repository. */
class ApplicationSetEvaluatorTest {

  @TempDir Path repo;
  private final ApplicationSetParser parser = new ApplicationSetParser();
  private ApplicationSetEvaluator evaluator;

  @BeforeEach
  void inputs() throws IOException {
    for (String d : List.of("apps/guestbook", "apps/helm-guestbook", "apps/kustomize-guestbook", "apps/excluded")) {
      Files.createDirectories(repo.resolve(d));
    }
    Files.createDirectories(repo.resolve("clusters/prod"));
    Files.writeString(repo.resolve("clusters/prod/config.json"),
        "{\"cluster\": {\"name\": \"c1\", \"owner\": \"team-a\", \"address\": \"https://c1\"}}");
    Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(repo.resolve("clusters/dev/config.yaml"),
        "cluster: {name: c2, owner: team-b, address: 'https://c2'}\n");
    List<ClusterRegistration> clusters = List.of(
        new ClusterRegistration("c1", "https://c1:6443", null, ClusterRegistration.Auth.TOKEN, "s", null, null, null,
            Map.of("env", "prod")),
        new ClusterRegistration("c2", "https://c2:6443", null, ClusterRegistration.Auth.TOKEN, "s", null, null, null,
            Map.of("env", "staging")));
    evaluator = new ApplicationSetEvaluator(new GeneratorInputs() {
      @Override
      public List<ClusterRegistration> clusters() {
        return clusters;
      }

      @Override
      public Path checkout(String repoURL, String revision, String credentials) {
        return repo;
      }
    });
  }

  private List<ObjectNode> evaluate(String doc) {
    return evaluator.evaluate(parser.parse(doc, "appset.yaml"));
  }

  private static List<String> names(List<ObjectNode> apps) {
    return apps.stream().map(a -> a.path("metadata").path("name").asText()).toList();
  }

  @Test
  void aMatrixOfTwoClustersAndThreeGitDirectoriesGivesSixApplications() {
    List<ObjectNode> apps = evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook}
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
            - matrix:
                generators:
                  - clusters: {}
                  - git:
                      repoURL: https://github.com/acme/apps.git
                      revision: HEAD
                      directories:
                        - path: apps/*
                        - path: apps/excluded
                          exclude: true
          template:
            metadata:
              name: '{{.name}}-{{.path.basename}}'
              labels: {env: '{{ index .metadata.labels "env" }}'}
            spec:
              project: default
              source: {repoURL: https://github.com/acme/apps.git, targetRevision: HEAD, path: '{{.path.path}}'}
              destination: {name: '{{.name}}', namespace: '{{.path.basename | trunc 20}}'}
        """);
    assertThat(names(apps)).containsExactly("c1-guestbook", "c1-helm-guestbook", "c1-kustomize-guestbook",
        "c2-guestbook", "c2-helm-guestbook", "c2-kustomize-guestbook");
    assertThat(apps.get(4).path("spec").path("source").path("path").asText()).isEqualTo("apps/helm-guestbook");
    assertThat(apps.get(4).path("spec").path("destination").path("namespace").asText()).isEqualTo("helm-guestbook");
    assertThat(apps.get(4).path("metadata").path("labels").path("env").asText()).isEqualTo("staging");
    assertThat(apps.get(0).path("kind").asText()).isEqualTo("Application");
  }

  @Test
  void theDefaultTemplateFormReadsFlattenedParametersAsArgoCdsDocumentedGitDirectoryExample() {
    List<ObjectNode> apps = evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: cluster-addons}
        spec:
          generators:
            - git:
                repoURL: https://github.com/acme/apps.git
                revision: HEAD
                directories: [{path: 'apps/*guestbook'}]
          template:
            metadata: {name: '{{path.basename}}'}
            spec:
              project: default
              source: {repoURL: https://github.com/acme/apps.git, targetRevision: HEAD, path: '{{path}}'}
              destination: {server: https://kubernetes.default.svc, namespace: '{{path[1]}}'}
        """);
    assertThat(names(apps)).containsExactly("guestbook", "helm-guestbook", "kustomize-guestbook");
    assertThat(apps.get(1).path("spec").path("source").path("path").asText()).isEqualTo("apps/helm-guestbook");
    assertThat(apps.get(1).path("spec").path("destination").path("namespace").asText()).isEqualTo("helm-guestbook");
  }

  @Test
  void gitFilesAreFlattenedAsArgoCdFlattensThem() {
    List<ObjectNode> apps = evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook}
        spec:
          generators:
            - git:
                repoURL: https://github.com/acme/apps.git
                revision: HEAD
                files: [{path: 'clusters/**/config.*'}]
          template:
            metadata: {name: '{{cluster.name}}-guestbook'}
            spec:
              project: default
              source: {repoURL: https://github.com/acme/apps.git, targetRevision: HEAD, path: '{{path}}'}
              destination: {server: '{{cluster.address}}', namespace: '{{cluster.owner}}'}
        """);
    assertThat(names(apps)).containsExactly("c2-guestbook", "c1-guestbook");
    assertThat(apps.get(0).path("spec").path("source").path("path").asText()).isEqualTo("clusters/dev");
    assertThat(apps.get(1).path("spec").path("destination").path("namespace").asText()).isEqualTo("team-a");
  }

  @Test
  void aClusterSelectorAndAListMergedByClusterName() {
    List<ObjectNode> apps = evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook}
        spec:
          goTemplate: true
          generators:
            - merge:
                mergeKeys: [name]
                generators:
                  - clusters:
                      selector:
                        matchExpressions: [{key: env, operator: In, values: [prod, staging]}]
                      values: {revision: main}
                  - list:
                      elements: [{name: c2, values: {revision: stable}}]
          template:
            metadata: {name: 'guestbook-{{.name}}'}
            spec:
              project: default
              source: {repoURL: https://github.com/acme/apps.git, targetRevision: '{{.values.revision}}'}
              destination: {name: '{{.name}}', namespace: guestbook}
        """);
    assertThat(names(apps)).containsExactly("guestbook-c1", "guestbook-c2");
    assertThat(apps.get(0).path("spec").path("source").path("targetRevision").asText()).isEqualTo("main");
    assertThat(apps.get(1).path("spec").path("source").path("targetRevision").asText()).isEqualTo("stable");
  }

  @Test
  void aTemplatePatchIsMergedOverEachApplication() {
    List<ObjectNode> apps = evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: guestbook}
        spec:
          goTemplate: true
          generators:
            - list:
                elements: [{cluster: c1, auto: true}, {cluster: c2, auto: false}]
          template:
            metadata: {name: 'guestbook-{{.cluster}}'}
            spec:
              project: default
              source: {repoURL: https://github.com/acme/apps.git}
              destination: {name: '{{.cluster}}', namespace: guestbook}
          templatePatch: |
            {{- if .auto }}
            spec:
              syncPolicy:
                automated: {prune: true}
            {{- end }}
        """);
    assertThat(apps.get(0).path("spec").path("syncPolicy").path("automated").path("prune").asBoolean()).isTrue();
    assertThat(apps.get(1).path("spec").has("syncPolicy")).isFalse();
  }

  @Test
  void aPatchThatMovesAnApplicationToAnotherProjectIsRefused() {
    assertThatThrownBy(() -> evaluate("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: sneaky}
        spec:
          generators: [{list: {elements: [{cluster: c1}]}}]
          template:
            metadata: {name: 'guestbook-{{cluster}}'}
            spec:
              project: team-a
              source: {repoURL: https://github.com/acme/apps.git}
              destination: {name: c1, namespace: guestbook}
          templatePatch: |
            spec: {project: platform}
        """)).isInstanceOf(TemplateException.class).hasMessage("applicationset sneaky: generated Application"
            + " guestbook-c1 names project platform, not the set's project team-a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scmProvider", "pullRequest", "plugin", "clusterDecisionResource"})
  void unsupportedGeneratorsAreRefusedNamingTheGenerator(String generator) {
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: prs}
        spec:
          generators: [{%s: {}}]
          template:
            metadata: {name: x}
            spec: {project: default, source: {repoURL: https://github.com/acme/apps.git}, destination: {name: c1}}
        """.formatted(generator), "appset.yaml")).isInstanceOf(InvalidApplicationSetException.class)
        .hasMessage("appset.yaml: spec.generators[0]." + generator + " generator " + generator + " is not supported"
            + " by Driftless (supported: list, clusters, git, matrix, merge)");
  }

  @Test
  void aTemplatedProjectIsRefused() {
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: x}
        spec:
          generators: [{list: {elements: []}}]
          template:
            metadata: {name: x}
            spec: {project: '{{project}}', source: {repoURL: r}, destination: {name: c1}}
        """, "appset.yaml")).hasMessageStartingWith("appset.yaml: spec.template.spec.project must be a project name");
  }
}
