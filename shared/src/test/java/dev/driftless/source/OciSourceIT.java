package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.fixture.ChartRepositoryServer;
import dev.driftless.fixture.LocalRegistry;
import dev.driftless.fixture.TokenRegistryFront;
import dev.driftless.model.Application;
import dev.driftless.model.ApplicationParser;
import dev.driftless.model.DesiredObject;
import dev.driftless.render.RenderOptions;
import dev.driftless.render.Renderer;
import dev.driftless.source.SourceException.Failure;
import dev.driftless.testkit.LocalAws;
import dev.driftless.testkit.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources in a real OCI registry (the CNCF distribution registry with htpasswd authentication): artifacts of plain
 * manifests pushed by oras, and Helm charts pushed by helm, fetched by Driftless's own OCI client and rendered by the
 * real tools.
 */
@LocalAws
class OciSourceIT {

  private static final String USER = "puller";
  private static final String PASSWORD = "oci-pw-" + UUID.randomUUID();
  private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final TestTools TOOLS = TestTools.load();

  @TempDir
  Path tmp;

  private LocalRegistry registry;

  @BeforeEach
  void start() {
    registry = new LocalRegistry(TOOLS, tmp.resolve("registry"), USER, PASSWORD);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Source source() {
    return new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache"))
        .withLocalRepositories(true), Clock.systemUTC());
  }

  private String credentials(String password) {
    return TestSecrets.create("driftless/git/registry", "{\"username\":\"" + USER + "\",\"password\":\"" + password
        + "\",\"urls\":[\"oci://" + registry.address("localhost") + "/\"]}");
  }

  /** A tar+gzip of {@code apps/web/config.yaml}, a ConfigMap whose data says {@code release}. */
  private Path manifests(String release) throws Exception {
    Path content = Files.createDirectories(tmp.resolve("content-" + release + "/apps/web"));
    Files.writeString(content.resolve("config.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config}
        data: {release: "%s"}
        """.formatted(release));
    Path tarGz = tmp.resolve("manifests-" + release + ".tar.gz");
    Process tar = new ProcessBuilder("tar", "czf", tarGz.toString(), "-C", content.getParent().getParent().toString(),
        ".").redirectErrorStream(true).start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar czf").isTrue();
    return tarGz;
  }

  private static Application app(String source) {
    return new ApplicationParser().parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web}
        spec:
          project: default
          source: %s
          destination: {server: "https://kubernetes.default.svc", namespace: web}
        """.formatted(source), "web.yaml");
  }

  private static List<DesiredObject> render(Checkout checkout, Application app) {
    return new Renderer().render(checkout.root(), app, RenderOptions.defaults().withTools(TOOLS.kustomize(),
        TOOLS.helm()));
  }

  private static Object data(List<DesiredObject> objects) {
    assertThat(objects).hasSize(1);
    return objects.get(0).object().getAdditionalProperties().get("data");
  }

  @Test
  void anArtifactOfManifestsIsFetchedByTagAndItsPathRendered() throws Exception {
    registry.pushArtifact("apps/web", "v1.0.0", manifests("1.0.0"), OCI_LAYER);
    Application app = app("{repoURL: 'oci://%s/apps/web', targetRevision: v1.0.0, path: apps/web, credentials: %s}"
        .formatted(registry.address("localhost"), credentials(PASSWORD)));

    Checkout checkout = source().fetch(app.source());

    assertThat(checkout.revision().sha()).matches("sha256:[0-9a-f]{64}");
    assertThat(checkout.revision().ref()).isEqualTo("v1.0.0");
    assertThat(data(render(checkout, app))).isEqualTo(Map.of("release", "1.0.0"));
  }

  @Test
  void aRangePicksTheHighestTagInItAndADigestPinsWhatItNames() throws Exception {
    String secret = credentials(PASSWORD);
    registry.pushArtifact("apps/web", "v1.0.0", manifests("1.0.0"), OCI_LAYER);
    registry.pushArtifact("apps/web", "v1.1.0", manifests("1.1.0"), "application/vnd.cncf.flux.content.v1.tar+gzip");
    registry.pushArtifact("apps/web", "v2.0.0", manifests("2.0.0"), OCI_LAYER);
    String repo = "oci://" + registry.address("localhost") + "/apps/web";
    Source source = source();

    Application ranged = app("{repoURL: '%s', targetRevision: '>=1.0.0 <2.0.0', path: apps/web, credentials: %s}"
        .formatted(repo, secret));
    Checkout picked = source.fetch(ranged.source());
    assertThat(picked.revision().ref()).isEqualTo("v1.1.0");
    assertThat(data(render(picked, ranged))).isEqualTo(Map.of("release", "1.1.0"));

    Checkout first = source.fetch(app("{repoURL: '%s', targetRevision: v1.0.0, path: apps/web, credentials: %s}"
        .formatted(repo, secret)).source());
    Application pinned = app("{repoURL: '%s', targetRevision: '%s', path: apps/web, credentials: %s}"
        .formatted(repo, first.revision().sha(), secret));
    Checkout byDigest = source.fetch(pinned.source());
    assertThat(byDigest.revision().sha()).isEqualTo(first.revision().sha());
    assertThat(data(render(byDigest, pinned))).isEqualTo(Map.of("release", "1.0.0"));
  }

  @Test
  void aHelmChartPushedWithHelmIsFetchedFromTheRegistryAndRendered() throws IOException {
    Path chart = ChartRepositoryServer.writeChart(tmp.resolve("src/greeter"), "greeter");
    Path packaged = Files.createDirectories(tmp.resolve("packaged"));
    ChartRepositoryServer.packageChart(TOOLS, chart, "1.2.0", packaged);
    registry.pushChart(packaged.resolve("greeter-1.2.0.tgz"), "charts");
    String secret = credentials(PASSWORD);

    for (String repoURL : List.of("oci://" + registry.address("localhost") + "/charts",
        registry.address("localhost") + "/charts")) {
      Application app = app("{repoURL: '%s', chart: greeter, targetRevision: 1.2.0, credentials: %s,"
          .formatted(repoURL, secret) + " helm: {releaseName: hello, valuesObject: {greeting: oci}}}");
      Checkout checkout = source().fetch(app.source());
      assertThat(checkout.revision().message()).startsWith("chart greeter 1.2.0 (oci sha256:");
      assertThat(data(render(checkout, app))).isEqualTo(Map.of("chartVersion", "1.2.0", "greeting", "oci"));
    }
  }

  @Test
  void aWrongPasswordFailsAuthenticationNamingTheRegistryAndTheSecretButNeverTheValue() throws Exception {
    registry.pushArtifact("apps/web", "v1.0.0", manifests("1.0.0"), OCI_LAYER);
    String wrong = "not-" + PASSWORD;
    String secret = credentials(wrong);
    Application app = app("{repoURL: 'oci://%s/apps/web', targetRevision: v1.0.0, credentials: %s}"
        .formatted(registry.address("localhost"), secret));

    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app.source()));

    assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
    assertThat(e).hasMessage("registry " + registry.address("localhost") + "/apps/web: manifest v1.0.0:"
        + " authentication failed (HTTP 401), credentials " + secret);
    TestSecrets.assertNoSecretIn(e, wrong, PASSWORD);
  }

  @Test
  void anArtifactWhoseLayerIsNotManifestsIsRefusedNamingTheMediaTypes() throws Exception {
    registry.pushArtifact("apps/web", "odd", manifests("1.0.0"), "application/vnd.example.thing");
    Application app = app("{repoURL: 'oci://%s/apps/web', targetRevision: odd, credentials: %s}"
        .formatted(registry.address("localhost"), credentials(PASSWORD)));

    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app.source()));

    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e.getMessage()).contains(": refused: an artifact needs one layer of [")
        .endsWith(", the manifest has [application/vnd.example.thing]");
  }

  private long seen(TokenRegistryFront front, String host, String pathPart, String authorization) {
    return front.requests.stream().filter(r -> r.host().startsWith(host + ":") && r.path().contains(pathPart)
        && r.authorization().equals(authorization)).count();
  }

  @Test
  void withTokenAuthenticationTheTokenGoesToTheRegistryOnlyAndARedirectedBlobGetsNoAuthorization() throws Exception {
    registry.pushArtifact("apps/web", "v1.0.0", manifests("1.0.0"), OCI_LAYER);
    try (TokenRegistryFront front = new TokenRegistryFront(registry, USER, PASSWORD)) {
      String secret = TestSecrets.create("driftless/git/registry", "{\"username\":\"" + USER + "\",\"password\":\""
          + PASSWORD + "\",\"urls\":[\"oci://" + front.address("localhost") + "/\"]}");
      Application app = app("{repoURL: 'oci://%s/apps/web', targetRevision: v1.0.0, path: apps/web, credentials: %s}"
          .formatted(front.address("localhost"), secret));

      Checkout checkout = source().fetch(app.source());

      assertThat(data(render(checkout, app))).isEqualTo(Map.of("release", "1.0.0"));
      assertThat(seen(front, "localhost", "/token", "Basic")).as("the realm on the registry's host").isEqualTo(1);
      assertThat(seen(front, "localhost", "/manifests/", "Bearer")).isEqualTo(1);
      assertThat(seen(front, "127.0.0.1", "/storage/", "none")).as("blobs fetched from storage elsewhere")
          .isEqualTo(1);
      assertThat(front.requests).filteredOn(r -> r.host().startsWith("127.0.0.1:"))
          .as("requests to the other host that carried an Authorization")
          .allMatch(r -> r.authorization().equals("none"));
    }
  }

  @Test
  void aTokenRealmOnAnotherHostGetsNoCredential() throws Exception {
    registry.pushArtifact("apps/web", "v1.0.0", manifests("1.0.0"), OCI_LAYER);
    try (TokenRegistryFront front = new TokenRegistryFront(registry, USER, PASSWORD)) {
      front.realmOn("127.0.0.1");
      String secret = TestSecrets.create("driftless/git/registry", "{\"username\":\"" + USER + "\",\"password\":\""
          + PASSWORD + "\",\"urls\":[\"oci://" + front.address("localhost") + "/\"]}");
      Application app = app("{repoURL: 'oci://%s/apps/web', targetRevision: v1.0.0, credentials: %s}"
          .formatted(front.address("localhost"), secret));

      SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app.source()));

      assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
      assertThat(e).hasMessage("registry " + front.address("localhost") + "/apps/web: manifest v1.0.0: token:"
          + " authentication failed (HTTP 401), credentials " + secret);
      assertThat(seen(front, "127.0.0.1", "/token", "Basic")).as("credentials the other host's realm received")
          .isZero();
      assertThat(seen(front, "127.0.0.1", "/token", "none")).isEqualTo(1);
      TestSecrets.assertNoSecretIn(e, PASSWORD);
    }
  }
}
