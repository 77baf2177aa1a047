package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo CD's directory, Jsonnet, kustomize and helm options: read as Argo CD writes them, refused naming the field. */
class SourceOptionsParserTest {

  private final ApplicationParser parser = new ApplicationParser();

  private Application parse(String fixture) {
    return parser.parse(ApplicationParserTest.read(fixture), fixture);
  }

  /** The fixture with one line replaced: {@code from} must occur in it exactly once. */
  private Application parseWith(String fixture, String from, String to) {
    String text = ApplicationParserTest.read(fixture);
    assertThat(text.split(Pattern.quote(from), -1)).hasSize(2);
    return parser.parse(text.replace(from, to), fixture);
  }

  @Test
  void argoCdJsonnetDirectoryApplicationReadsEveryOption() {
    Application.Source source = parse("argocd-jsonnet.yaml").source();

    assertThat(source.kind()).isEqualTo(Application.RenderKind.PLAIN);
    assertThat(source.directory()).isEqualTo(new Application.Directory(false, "{*.jsonnet,*.yaml}",
        "params.libsonnet", new Application.Jsonnet(
            List.of(new Application.JsonnetVar("app", "guestbook", false),
                new Application.JsonnetVar("debug", "true", true)),
            List.of(new Application.JsonnetVar("replicas", "3", true)), List.of("vendor"))));
  }

  @Test
  void aSourceWithoutDirectoryReadsSubdirectoriesAsDriftlessAlwaysDid() {
    assertThat(parse("driftless-guestbook.yaml").source().directory()).isEqualTo(Application.Directory.DEFAULT);
    assertThat(Application.Directory.DEFAULT.recurse()).isTrue();
  }

  @Test
  void argoCdKustomizeOptionsAreReadAsEdits() {
    KustomizeEdits edits = parse("argocd-kustomize-options.yaml").source().kustomize().edits();

    assertThat(edits.namePrefix()).isEqualTo("prod-");
    assertThat(edits.nameSuffix()).isEqualTo("-v1");
    assertThat(edits.namespace()).isEqualTo("guestbook");
    assertThat(edits.images()).hasSize(2);
    assertThat(edits.replicas()).containsExactly(new KustomizeEdits.Replica("guestbook-ui", 3),
        new KustomizeEdits.Replica("redis", 2));
    assertThat(edits.commonLabels()).isEqualTo(Map.of("team", "shop"));
    assertThat(edits.commonAnnotations()).isEqualTo(Map.of("owner", "shop team <shop@example.com>"));
    assertThat(edits.patches()).hasSize(2);
    assertThat(edits.patches().get(0).target()).isEqualTo(Map.of("kind", "Deployment", "name", "guestbook-ui"));
    assertThat(edits.patches().get(1).path()).isEqualTo("patches/resources.yaml");
    assertThat(edits.components()).containsExactly("../components/monitoring");
  }

  @Test
  void kustomizeImagesAreReadAsKustomizeEditSetImageReadsThem() {
    assertThat(KustomizeImage.parse("nginx:1.27")).isEqualTo(new KustomizeImage("nginx", null, "1.27", null));
    assertThat(KustomizeImage.parse("nginx=registry.example.com:5000/mirror/nginx:1.27"))
        .isEqualTo(new KustomizeImage("nginx", "registry.example.com:5000/mirror/nginx", "1.27", null));
    assertThat(KustomizeImage.parse("registry.example.com:5000/nginx@sha256:0123456789abcdef0123456789abcdef"))
        .isEqualTo(new KustomizeImage("registry.example.com:5000/nginx", null, null,
            "sha256:0123456789abcdef0123456789abcdef"));
    assertThat(KustomizeImage.parse("nginx=mirror/nginx")).isEqualTo(new KustomizeImage("nginx", "mirror/nginx",
        null, null));
  }

  @Test
  void argoCdHelmOptionsAreRead() {
    Application.Helm helm = parse("argocd-helm-options.yaml").source().helm();

    assertThat(helm.options()).isEqualTo(new HelmOptions(Map.of("config", "files/config.json"), true, true, "web",
        List.of("monitoring.coreos.com/v1", "monitoring.coreos.com/v1/ServiceMonitor"), "1.30.0"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
      "argocd-jsonnet.yaml|          - name: app|          - name: a=b|"
          + "spec.source.directory.jsonnet.extVars[0].name must start with a letter",
      "argocd-jsonnet.yaml|          - name: app|          - name: --ext-code-file|"
          + "spec.source.directory.jsonnet.extVars[0].name must start with a letter",
      "argocd-jsonnet.yaml|          - name: replicas|          - name: '-J/'|"
          + "spec.source.directory.jsonnet.tlas[0].name must start with a letter",
      "argocd-jsonnet.yaml|            value: \"3\"|            value: (importstr '/proc/1/environ')|"
          + "spec.source.directory.jsonnet.tlas[0].value is code that imports a file",
      "argocd-jsonnet.yaml|          - vendor|          - ../other-repo|"
          + "spec.source.directory.jsonnet.libs[0] must stay inside the repository",
      "argocd-jsonnet.yaml|          - vendor|          - /etc|"
          + "spec.source.directory.jsonnet.libs[0] must be relative to the repository root",
      "argocd-jsonnet.yaml|      recurse: false|      recurse: sometimes|"
          + "spec.source.directory.recurse must be true or false",
      "argocd-kustomize-options.yaml|        - gcr.io/heptio-images/ks-guestbook-demo:0.2|        - '--load-restrictor'|"
          + "spec.source.kustomize.images[0] must be an image",
      "argocd-kustomize-options.yaml|        - gcr.io/heptio-images/ks-guestbook-demo:0.2|        - 'nginx:1 ; rm'|"
          + "spec.source.kustomize.images[0] must be an image",
      "argocd-kustomize-options.yaml|      namePrefix: prod-|      namePrefix: Prod_|"
          + "spec.source.kustomize.namePrefix must hold only lowercase letters",
      "argocd-kustomize-options.yaml|      namespace: guestbook|      namespace: -n|"
          + "spec.source.kustomize.namespace must be a DNS label",
      "argocd-kustomize-options.yaml|          count: 3|          count: -1|"
          + "spec.source.kustomize.replicas[0].count is required and must be 0 or more",
      "argocd-kustomize-options.yaml|        team: shop|        'bad key!': shop|"
          + "spec.source.kustomize.commonLabels.bad key! is not a valid key",
      "argocd-kustomize-options.yaml|        - path: patches/resources.yaml|        - path: ../../../etc/passwd|"
          + "spec.source.kustomize.patches[1].path must stay inside the repository",
      "argocd-kustomize-options.yaml|        - ../components/monitoring|        - ../../../components|"
          + "spec.source.kustomize.components[0] must stay inside the repository",
      "argocd-kustomize-options.yaml|            kind: Deployment|            kinds: Deployment|"
          + "spec.source.kustomize.patches[0].target.kinds is not a patch target field",
      "argocd-helm-options.yaml|      version: v3|      version: v2|spec.source.helm.version must be v3",
      "argocd-helm-options.yaml|      namespace: web|      namespace: --post-renderer=x|"
          + "spec.source.helm.namespace must be a DNS label",
      "argocd-helm-options.yaml|        - monitoring.coreos.com/v1/ServiceMonitor|        - 'v1,--post-renderer=sh'|"
          + "spec.source.helm.apiVersions[1] must be group/version",
      "argocd-helm-options.yaml|      kubeVersion: \"1.30.0\"|      kubeVersion: '--kube-version'|"
          + "spec.source.helm.kubeVersion must be a version like v1.34.4",
      "argocd-helm-options.yaml|          path: files/config.json|          path: ../../secrets.json|"
          + "spec.source.helm.fileParameters[0].path must stay inside the repository",
      "argocd-helm-options.yaml|        - name: config|        - name: 'a=b,c'|"
          + "spec.source.helm.fileParameters[0].name must be a helm value path",
  })
  void refusesAHostileOrMalformedOptionNamingTheField(String fixture, String from, String to, String message) {
    assertThatThrownBy(() -> parseWith(fixture, from, to))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith(fixture + ": " + message);
  }

  @Test
  void refusesAPatchWithBothAPathAndAnInlinePatch() {
    assertThatThrownBy(() -> parseWith("argocd-kustomize-options.yaml", "        - path: patches/resources.yaml",
        "        - path: patches/resources.yaml\n          patch: '[]'"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("argocd-kustomize-options.yaml: spec.source.kustomize.patches[1] must have exactly one of path"
            + " and patch");
  }
}
