package dev.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationParserTest {

  private final ApplicationParser parser = new ApplicationParser();

  private Application parse(String fixture) {
    return parser.parse(read(fixture), fixture);
  }

  static String read(String fixture) {
    try (InputStream in = ApplicationParserTest.class.getResourceAsStream("/applications/" + fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void driftlessApplicationReadsEveryField() {
    Application app = parse("driftless-guestbook.yaml");
    assertThat(app.name()).isEqualTo("guestbook-prod");
    assertThat(app.source().repoURL()).isEqualTo("https://git.example.com/acme/deploy.git");
    assertThat(app.source().targetRevision()).isEqualTo("main");
    assertThat(app.source().path()).isEqualTo("apps/guestbook/overlays/prod");
    assertThat(app.source().credentials()).isEqualTo("git/acme");
    assertThat(app.source().kind()).isEqualTo(Application.RenderKind.DETECT);
    assertThat(app.destination()).isEqualTo(new Application.Destination("prod-eu", "guestbook"));
    assertThat(app.syncPolicy().automated()).isTrue();
    assertThat(app.syncPolicy().prune()).isTrue();
    assertThat(app.syncPolicy().selfHeal()).isTrue();
    assertThat(app.syncPolicy().syncOptions().createNamespace()).isTrue();
    assertThat(app.syncPolicy().syncOptions().replace()).isFalse();
    assertThat(app.syncPolicy().retry())
        .isEqualTo(new Application.Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));
    assertThat(app.ignoreDifferences()).singleElement().satisfies(d -> {
      assertThat(d.matches(new ObjectKey("apps", "Deployment", "guestbook", "web"))).isTrue();
      assertThat(d.jsonPointers()).containsExactly("/spec/replicas");
    });
  }

  @Test
  void argoCdApplicationRegistersAsIs() {
    Application app = parse("argocd-helm.yaml");
    assertThat(app.project()).isEqualTo("retail");
    assertThat(app.source().kind()).isEqualTo(Application.RenderKind.HELM);
    assertThat(app.source().helm().releaseName()).isEqualTo("shop");
    assertThat(app.source().helm().valueFiles()).containsExactly("values-prod.yaml");
    assertThat(app.source().helm().parameters()).containsEntry("image.tag", "1.4.2");
    assertThat(app.destination().cluster()).isEqualTo("https://kubernetes.default.svc");
    assertThat(app.syncPolicy().automated()).isFalse();
    assertThat(app.syncPolicy().retry().maxDuration()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void argoCdChartRepositoryApplicationRegistersAsIs() {
    Application app = parse("argocd-chart-repository.yaml");
    assertThat(app.source().isChart()).isTrue();
    assertThat(app.source().chart()).isEqualTo("sealed-secrets");
    assertThat(app.source().repoURL()).isEqualTo("https://bitnami-labs.github.io/sealed-secrets");
    assertThat(app.source().targetRevision()).isEqualTo("1.16.1");
    assertThat(app.source().kind()).isEqualTo(Application.RenderKind.HELM);
    assertThat(app.source().path()).isEqualTo(".");
    assertThat(app.source().helm().releaseName()).isEqualTo("sealed-secrets");
  }

  @Test
  void argoCdOciArtifactAndHelmOciApplicationsRegisterAsIs() {
    Application artifact = parse("argocd-oci.yaml");
    assertThat(artifact.source().isOci()).isTrue();
    assertThat(artifact.source().isChart()).isFalse();
    assertThat(artifact.source().path()).isEqualTo(".");
    Application chart = parse("argocd-helm-oci.yaml");
    assertThat(chart.source().isOci()).isTrue();
    assertThat(chart.source().chart()).isEqualTo("nginx");
    assertThat(chart.source().kind()).isEqualTo(Application.RenderKind.HELM);
  }

  @Test
  void aChartSourceAtAnotherRevisionKeepsItsChartAndOptions() {
    Application.Source source = parse("argocd-chart-repository.yaml").source();
    Application.Source pinned = source.at("1.16.0");
    assertThat(pinned.targetRevision()).isEqualTo("1.16.0");
    assertThat(pinned).isEqualTo(new Application.Source(source.repoURL(), "1.16.0", source.path(),
        source.credentials(), source.kind(), source.kustomize(), source.helm(), source.directory(), source.chart()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "chart: ../etc | spec.source.chart must be a chart name (letters, digits, '.', '_' and '-'), not ../etc",
      "chart: web, repoURL: 'git@github.com:acme/charts.git' | spec.source.repoURL must be an OCI repository"
          + " oci://host[:port]/path (lowercase path components), not git@github.com:acme/charts.git",
      "repoURL: 'oci://u:pw@ghcr.io/acme/Manifests' | spec.source.repoURL must be an OCI repository"
          + " oci://host[:port]/path (lowercase path components), not oci://***@ghcr.io/acme/Manifests",
      "chart: web, repoURL: 'file:///srv/charts' | spec.source.repoURL must be an https:// (or http://) Helm chart"
          + " repository or an oci:// registry when spec.source.chart is given, not file:///srv/charts",
      "chart: web, path: apps/web | spec.source.path must be absent with spec.source.chart (the chart is the rendered"
          + " directory), not apps/web"})
  void aChartSourceThatIsNotAChartOfAChartRepositoryIsRefusedNamingTheField(String fields, String message) {
    String source = fields.contains("repoURL") ? "{" + fields + "}"
        : "{repoURL: 'https://charts.example.com', " + fields + "}";
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          source: %s
          destination: {name: c1, namespace: web}
        """.formatted(source), "web.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("web.yaml: " + message);
  }

  @Test
  void argoCdMultiSourceApplicationWithAValuesRefRegistersAsIs() {
    Application app = parse("argocd-multi-source.yaml");
    assertThat(app.isMultiSource()).isTrue();
    assertThat(app.sources()).hasSize(2);
    assertThat(app.source()).isSameAs(app.sources().get(0));
    assertThat(app.source().chart()).isEqualTo("prometheus");
    assertThat(app.source().helm().valueFiles()).containsExactly("$values/charts/prometheus/values.yaml");
    Application.Source values = app.sources().get(1);
    assertThat(values.ref()).isEqualTo("values");
    assertThat(values.isRendered()).isFalse();
    assertThat(values.targetRevision()).isEqualTo("dev");
    assertThat(app.at(List.of("15.7.2", "0123456789abcdef0123456789abcdef01234567")).sources())
        .extracting(Application.Source::targetRevision)
        .containsExactly("15.7.2", "0123456789abcdef0123456789abcdef01234567");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$values/../../etc/passwd | spec.sources[0].helm.valueFiles[0] must stay inside the repository, not"
          + " ../../etc/passwd",
      "$other/values.yaml | spec.sources[0].helm.valueFiles[0] names $other, which is the ref of no source"
          + " (refs: [values])",
      "$values | spec.sources[0].helm.valueFiles[0] must be $<ref>/<path> (a source's ref, then a path in its"
          + " repository), not $values",
      "$values//etc/passwd | spec.sources[0].helm.valueFiles[0] must be relative to the root of the repository"
          + " $values names, not /etc/passwd"})
  void aValueFileOfAnotherSourceMustNameARefAndStayInsideItsRepository(String valueFile, String message) {
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          sources:
          - {repoURL: 'https://charts.example.com', chart: web, targetRevision: 1.0.0,
             helm: {valueFiles: ['%s']}}
          - {repoURL: 'https://git.example.com/acme/values.git', ref: values}
          destination: {name: c1, namespace: web}
        """.formatted(valueFile), "web.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("web.yaml: " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{repoURL: 'https://git.example.com/a.git', ref: v}] | spec.sources has no source to render (each has only a"
          + " ref)",
      "[{repoURL: 'https://git.example.com/a.git', path: web}, {repoURL: 'https://git.example.com/b.git', path: ../x}]"
          + " | spec.sources[1].path must be relative and stay inside the repository, not ../x",
      "[{repoURL: 'https://git.example.com/a.git', path: a, ref: v},"
          + " {repoURL: 'https://git.example.com/b.git', ref: v}] | spec.sources[1].ref names v, which an earlier"
          + " source names too",
      "[] | spec.sources must be a list of sources"})
  void badSourcesAreRefusedNamingTheSourceAndTheField(String sources, String message) {
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          sources: %s
          destination: {name: c1, namespace: web}
        """.formatted(sources), "web.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("web.yaml: " + message);
  }

  @Test
  void pathLeavingTheRepositoryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("invalid-path-escapes.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("invalid-path-escapes.yaml: spec.source.path must be relative");
  }

  @Test
  void jqPathExpressionsAreReadAndOneThatIsNotJqIsRefusedNamingTheField() {
    String app = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: shop}
        spec:
          source: {repoURL: https://github.com/acme/deploy.git, path: apps/shop}
          destination: {server: https://kubernetes.default.svc, namespace: shop}
          ignoreDifferences:
            - group: apps
              kind: Deployment
              jqPathExpressions: ['%s']
        """;
    String ok = ".spec.template.spec.initContainers[] | select(.name == \"istio-init\")";
    assertThat(parser.parse(app.formatted(ok), "apps/shop.yaml").ignoreDifferences().get(0).jqPathExpressions())
        .containsExactly(ok.replace("\\", ""));
    assertThatThrownBy(() -> parser.parse(app.formatted(".spec["), "apps/shop.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("apps/shop.yaml: spec.ignoreDifferences[0].jqPathExpressions[0] is not a jq path "
            + "expression: ");
  }

  @Test
  void missingRepositoryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("invalid-missing-repo.yaml"))
        .hasMessage("invalid-missing-repo.yaml: spec.source.repoURL is required");
  }

  @Test
  void malformedYamlIsRefusedNamingTheDocument() {
    assertThatThrownBy(() -> parser.parse("spec: [unclosed", "apps/bad.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("apps/bad.yaml: not valid YAML");
  }

  /** A helm Application for charts/shop whose helm block is {@code helm}. */
  private Application parseHelm(String helm) {
    return parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: shop}
        spec:
          source:
            repoURL: https://github.com/acme/charts.git
            path: charts/shop
            helm: %s
          destination: {server: https://kubernetes.default.svc, namespace: shop}
        """.formatted(helm), "apps/shop.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--post-renderer=/bin/sh", "--post-renderer /bin/sh", "Shop", "shop..v2",
      ".shop", "a-release-name-that-is-longer-than-helms-limit-of-53-c"})
  void helmReleaseNameThatIsNotAHelmReleaseNameIsRefusedAtRegistration(String release) {
    assertThatThrownBy(() -> parseHelm("{releaseName: '" + release + "'}"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("apps/shop.yaml: spec.source.helm.releaseName must be a DNS subdomain name of at most 53"
            + " characters (helm's release name rule), not " + release);
  }

  @Test
  void helmValueFileGivenAsAUrlIsRefusedAtRegistration() {
    assertThatThrownBy(() -> parseHelm("{valueFiles: [values.yaml, 'https://evil.example.com/v.yaml']}"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("apps/shop.yaml: spec.source.helm.valueFiles[1] must be a file inside the repository, not a URL:"
            + " https://evil.example.com/v.yaml");
  }

  @Test
  void absoluteHelmValueFileIsRefusedAtRegistration() {
    assertThatThrownBy(() -> parseHelm("{valueFiles: [/etc/passwd]}"))
        .hasMessage("apps/shop.yaml: spec.source.helm.valueFiles[0] must be relative to the chart directory,"
            + " not /etc/passwd");
  }

  @Test
  void helmValueFileClimbingOutOfTheRepositoryIsRefusedAtRegistration() {
    assertThatThrownBy(() -> parseHelm("{valueFiles: [../../../etc/passwd]}"))
        .hasMessage("apps/shop.yaml: spec.source.helm.valueFiles[0] must stay inside the repository,"
            + " not ../../../etc/passwd");
  }

  @Test
  void helmValueFileElsewhereInTheRepositoryIsAccepted() {
    assertThat(parseHelm("{valueFiles: [../../env/prod.yaml]}").source().helm().valueFiles())
        .containsExactly("../../env/prod.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--post-renderer", "a=b", "a,b", "-x", "image tag"})
  void helmParameterNameThatCouldSetAnythingElseIsRefusedAtRegistration(String name) {
    assertThatThrownBy(() -> parseHelm("{parameters: [{name: image.tag, value: '1'}, {name: '" + name
        + "', value: v}]}"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("apps/shop.yaml: spec.source.helm.parameters[1].name must be a helm value path");
  }

  @Test
  void helmParameterNamesInHelmsKeySyntaxAreAccepted() {
    assertThat(parseHelm("{parameters: [{name: 'env[0].name', value: a},"
        + " {name: 'podAnnotations.prometheus\\.io/scrape', value: 'true'}, {name: image_tag-2, value: b}]}")
        .source().helm().parameters())
        .containsOnlyKeys("env[0].name", "podAnnotations.prometheus\\.io/scrape", "image_tag-2");
  }

  @Test
  void destinationNamespaceThatIsNotADnsLabelIsRefusedAtRegistration() {
    assertThatThrownBy(() -> parser.parse("""
        apiVersion: driftless.dev/v1alpha1
        kind: Application
        metadata: {name: shop}
        spec:
          source: {repoURL: https://github.com/acme/charts.git}
          destination: {cluster: prod, namespace: --post-renderer=/bin/sh}
        """, "apps/shop.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("apps/shop.yaml: spec.destination.namespace must be a DNS label (lowercase letters, digits and"
            + " '-', at most 63), not --post-renderer=/bin/sh");
  }

  private Application named(String name) {
    return parser.parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: '%s'}
        spec:
          source: {repoURL: https://github.com/acme/deploy.git}
          destination: {name: prod, namespace: shop}
        """.formatted(name), "apps/named.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"guestbook.prod", "a.b.c", "web-1.eu-west-1.shop", "x"})
  void applicationNamesWithDotsAreAcceptedAsKubernetesAcceptsThem(String name) {
    assertThat(named(name).name()).isEqualTo(name);
  }

  @Test
  void anApplicationNameOfTheFull253CharactersIsAccepted() {
    String name = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
    assertThat(name).hasSize(253);
    assertThat(named(name).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Guestbook", ".web", "web.", "web..prod", "web_prod", "web/prod", "-web", "web.-prod",
      "web:prod"})
  void applicationNamesThatAreNotDnsSubdomainsAreRefusedNamingTheField(String name) {
    assertThatThrownBy(() -> named(name))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessage("apps/named.yaml: metadata.name must be a DNS subdomain name (lowercase letters, digits, '-' and"
            + " '.', starting and ending with a letter or digit, at most 253)");
  }

  @Test
  void anApplicationNameLongerThan253CharactersIsRefused() {
    assertThatThrownBy(() -> named("a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(72)))
        .hasMessageContaining("metadata.name must be a DNS subdomain name");
  }

  @Test
  void aDottedApplicationIsItsOwnHelmReleaseName() {
    assertThat(Application.Helm.isReleaseName("guestbook.prod")).isTrue();
    assertThat(Application.Helm.isReleaseName("a".repeat(50) + ".bc")).isTrue();
    assertThat(Application.Helm.isReleaseName("a".repeat(50) + ".bcd")).isFalse();
  }

  @Test
  void aTrackingIdOfADottedApplicationRoundTrips() {
    ObjectKey key = new ObjectKey("apps", "Deployment", "shop", "web.v2");
    assertThat(ObjectKey.parseTrackingId(key.trackingId("guestbook.prod")))
        .isEqualTo(new ObjectKey.TrackedBy("guestbook.prod", key));
  }

  @Test
  void trackingIdRoundTrips() {
    ObjectKey key = new ObjectKey("apps", "Deployment", "shop", "web");
    assertThat(key.trackingId("shop")).isEqualTo("shop:apps/Deployment:shop/web");
    assertThat(ObjectKey.parseTrackingId("shop:apps/Deployment:shop/web"))
        .isEqualTo(new ObjectKey.TrackedBy("shop", key));
    ObjectKey ns = new ObjectKey("", "Namespace", "", "shop");
    assertThat(ObjectKey.parseTrackingId(ns.trackingId("a"))).isEqualTo(new ObjectKey.TrackedBy("a", ns));
    assertThat(ObjectKey.parseTrackingId("garbage")).isNull();
  }

  /** Expected: limit, then backoff duration, factor and maximum duration (seconds). */
  @ParameterizedTest(name = "retry: {0} reads as {1}")
  @CsvSource(delimiterString = " -> ", textBlock = """
      {limit: -1} -> -1, 5, 2, 180
      {limit: -1, backoff: {duration: 1m, factor: 3, maxDuration: 1h}} -> -1, 60, 3, 3600
      {limit: 0} -> 0, 5, 2, 180
      {limit: 3} -> 3, 5, 2, 180
      {limit: '4'} -> 4, 5, 2, 180
      {} -> 0, 5, 2, 180
      {backoff: {duration: 10s}} -> 0, 10, 2, 180
      {limit: 2, backoff: {maxDuration: 0s}} -> 2, 5, 2, 0
      """)
  void retryReadsAsArgoCdReadsIt(String retry, String expected) {
    int[] e = Arrays.stream(expected.split(", ")).mapToInt(Integer::parseInt).toArray();
    assertThat(parser.parse(withRetry(retry), "retry.yaml").syncPolicy().retry()).isEqualTo(new Application.Retry(
        e[0], Duration.ofSeconds(e[1]), e[2], Duration.ofSeconds(e[3])));
  }

  @Test
  void anApplicationWithoutARetryIsNotRetried() {
    String document = read("driftless-guestbook.yaml").replace(RETRY_LINE, "");
    assertThat(parser.parse(document, "no-retry.yaml").syncPolicy().retry()).isEqualTo(Application.Retry.NONE);
  }

  @ParameterizedTest(name = "retry: {0} is refused naming {1}")
  @CsvSource(delimiterString = " -> ", textBlock = """
      {limit: five} -> spec.syncPolicy.retry.limit must be a whole number
      {limit: 1.5} -> spec.syncPolicy.retry.limit must be a whole number
      {limit: 2, backoff: {factor: x}} -> spec.syncPolicy.retry.backoff.factor must be a whole number
      {limit: -1, backoff: {duration: 0s}} -> spec.syncPolicy.retry.backoff.duration must be above zero
      """)
  void aRetryThatCannotBeReadIsRefusedNamingTheField(String retry, String message) {
    assertThatThrownBy(() -> parser.parse(withRetry(retry), "retry.yaml"))
        .isInstanceOf(InvalidApplicationException.class)
        .hasMessageStartingWith("retry.yaml: " + message);
  }

  private static final String RETRY_LINE = "    retry: {limit: 5, backoff: {duration: 5s, factor: 2, maxDuration: 3m}}\n";

  private static String withRetry(String retry) {
    String document = read("driftless-guestbook.yaml");
    assertThat(document).contains(RETRY_LINE);
    return document.replace(RETRY_LINE, "    retry: " + retry + "\n");
  }
}
