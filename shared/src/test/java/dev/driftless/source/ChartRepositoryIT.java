package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.fixture.ChartRepositoryServer;
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
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from a real chart repository ({@code helm package} and {@code helm repo index} output behind Basic
 * authentication), fetched by the source stage and rendered by the real helm. {@code localhost} is the repository's
 * host; {@code 127.0.0.1}, the same server under another name, stands for another host, which the credential must
 * never reach.
 */
@LocalAws
class ChartRepositoryIT {

  private static final String USER = "charts-reader";
  private static final String PASSWORD = "chart-pw-" + Long.toHexString(System.nanoTime());
  private static final TestTools TOOLS = TestTools.load();

  @TempDir
  Path tmp;

  private Path repoDir;
  private Path chart;
  private ChartRepositoryServer server;

  @BeforeEach
  void serve() throws IOException {
    repoDir = Files.createDirectories(tmp.resolve("www/charts"));
    chart = ChartRepositoryServer.writeChart(tmp.resolve("src/greeter"), "greeter");
    for (String version : List.of("1.0.0", "1.2.0", "1.3.0-rc.1", "2.0.0")) {
      ChartRepositoryServer.packageChart(TOOLS, chart, version, repoDir);
    }
    server = new ChartRepositoryServer(tmp.resolve("www"), USER, PASSWORD);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String repoUrl() {
    return server.url("localhost", "charts");
  }

  private Source source() {
    return new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache"))
        .withLocalRepositories(true), Clock.systemUTC());
  }

  private String credentials(String password) {
    return TestSecrets.create("driftless/git/charts", "{\"username\":\"" + USER + "\",\"password\":\"" + password
        + "\",\"urls\":[\"" + server.url("localhost", "") + "\"]}");
  }

  private Application app(String targetRevision, String secret) {
    return new ApplicationParser().parse("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: greeter}
        spec:
          project: default
          source:
            repoURL: %s
            chart: greeter
            targetRevision: "%s"
            credentials: %s
            helm:
              releaseName: hello
              valuesObject: {greeting: hi}
          destination: {server: "https://kubernetes.default.svc", namespace: greet}
        """.formatted(repoUrl(), targetRevision, secret), "greeter.yaml");
  }

  private long requests(String host, String suffix, boolean authorized) {
    return server.requests.stream().filter(r -> r.host().startsWith(host + ":") && r.path().endsWith(suffix)
        && r.authorized() == authorized).count();
  }

  @Test
  void theHighestReleaseInTheRangeIsFetchedAndRenderedByHelm() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    Application app = app("^1.0", credentials(PASSWORD));

    Checkout checkout = source().fetch(app.source());

    assertThat(checkout.revision().sha()).isEqualTo("1.2.0");
    assertThat(checkout.revision().requested()).isEqualTo("^1.0");
    List<DesiredObject> objects = new Renderer().render(checkout.root(), app,
        RenderOptions.defaults().withTools(TOOLS.kustomize(), TOOLS.helm()));
    assertThat(objects).singleElement().satisfies(o -> {
      assertThat(o.key().name()).isEqualTo("hello-config");
      assertThat(o.object().getAdditionalProperties().get("data"))
          .isEqualTo(Map.of("chartVersion", "1.2.0", "greeting", "hi"));
    });
    assertThat(requests("localhost", "/greeter-1.2.0.tgz", true)).isEqualTo(1);
  }

  @Test
  void anExactVersionIsFetchedFromTheIndexsAbsoluteUrlWithTheCredential() {
    ChartRepositoryServer.index(TOOLS, repoDir, repoUrl());

    Checkout checkout = source().fetch(app("1.3.0-rc.1", credentials(PASSWORD)).source());

    assertThat(checkout.revision().sha()).isEqualTo("1.3.0-rc.1");
    assertThat(checkout.root().resolve("Chart.yaml")).content().contains("version: 1.3.0-rc.1");
    assertThat(requests("localhost", "/greeter-1.3.0-rc.1.tgz", true)).isEqualTo(1);
  }

  @Test
  void aChartIsDownloadedOncePerVersionWhileTheIndexIsReadWithEachCallersCredential() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    Source source = source();
    Application.Source wanted = app("~1.2", credentials(PASSWORD)).source();

    Path first = source.fetch(wanted).root();
    Path second = source.fetch(wanted).root();

    assertThat(second).isEqualTo(first);
    assertThat(requests("localhost", "/greeter-1.2.0.tgz", true)).isEqualTo(1);
    assertThat(requests("localhost", "/index.yaml", true)).isEqualTo(2);
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source.fetch(app("~1.2", "").source()));
    assertThat(e.failure()).as("a caller without the credential gets nothing from the cache")
        .isEqualTo(Failure.AUTHENTICATION_FAILED);
  }

  @Test
  void theChartCacheIsBoundedLeastRecentlyUsedVersionsGoFirst() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    String secret = credentials(PASSWORD);
    Source source = new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache"))
        .withLocalRepositories(true).withMaxBytes(1), Clock.systemUTC());

    Path first = source.fetch(app("1.0.0", secret).source()).root();
    Path second = source.fetch(app("1.2.0", secret).source()).root();

    assertThat(second).isDirectory();
    assertThat(first).as("the older version, evicted past the bound").doesNotExist();
    source.fetch(app("1.0.0", secret).source());
    assertThat(requests("localhost", "/greeter-1.0.0.tgz", true)).isEqualTo(2);
  }

  @Test
  void anArchiveThatDoesNotMatchTheIndexsDigestIsRefusedAndNotCached() throws IOException {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    Files.copy(repoDir.resolve("greeter-1.0.0.tgz"), repoDir.resolve("greeter-1.2.0.tgz"),
        StandardCopyOption.REPLACE_EXISTING);
    Source source = source();
    Application.Source wanted = app("1.2.0", credentials(PASSWORD)).source();

    SourceException e = catchThrowableOfType(SourceException.class, () -> source.fetch(wanted));

    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e).hasMessageStartingWith("chart repository " + repoUrl() + ": chart greeter 1.2.0: refused: the"
        + " archive at " + repoUrl() + "/greeter-1.2.0.tgz does not match the index's digest sha256:");
    assertThat(catchThrowableOfType(SourceException.class, () -> source.fetch(wanted)).failure())
        .isEqualTo(Failure.REFUSED);
    assertThat(requests("localhost", "/greeter-1.2.0.tgz", true)).isEqualTo(2);
  }

  @Test
  void aWrongPasswordFailsAuthenticationNamingTheSecretButNeverItsValue() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    String wrong = "wrong-" + PASSWORD;
    String secret = credentials(wrong);

    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("*", secret).source()));

    assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
    assertThat(e).hasMessage("chart repository " + repoUrl() + ": chart greeter: index.yaml: authentication failed"
        + " (HTTP 401), credentials " + secret);
    TestSecrets.assertNoSecretIn(e, wrong, PASSWORD);
  }

  @Test
  void aRedirectToAnotherHostGetsNoCredential() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);
    server.redirect("/charts/index.yaml", server.url("127.0.0.1", "charts/index.yaml"));

    source().fetch(app("1.0.0", credentials(PASSWORD)).source());

    assertThat(requests("127.0.0.1", "/index.yaml", true)).as("authorized requests the other host received")
        .isZero();
    assertThat(requests("127.0.0.1", "/index.yaml", false)).isEqualTo(1);
  }

  @Test
  void anArchiveOnAnotherHostIsFetchedWithoutTheCredentialAndOnlyWhenTheIndexGivesItsDigest() throws IOException {
    ChartRepositoryServer.index(TOOLS, repoDir, server.url("127.0.0.1", "charts"));
    String secret = credentials(PASSWORD);

    assertThat(source().fetch(app("2.0.0", secret).source()).revision().sha()).isEqualTo("2.0.0");
    assertThat(requests("127.0.0.1", "/greeter-2.0.0.tgz", true)).isZero();
    assertThat(requests("127.0.0.1", "/greeter-2.0.0.tgz", false)).isEqualTo(1);

    Path index = repoDir.resolve("index.yaml");
    Files.writeString(index, Files.readString(index).replaceAll("(?m)^\\s*digest:.*\\n", ""));
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source().fetch(app("1.0.0", secret).source()));
    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e).hasMessage("chart repository " + repoUrl() + ": chart greeter 1.0.0: refused: the archive is on"
        + " another host (" + server.url("127.0.0.1", "charts/greeter-1.0.0.tgz") + ") and the index gives no"
        + " digest to check it by");
  }

  @Test
  void aVersionOutsideEveryListedOneFailsNamingTheChartAndTheRange() {
    ChartRepositoryServer.index(TOOLS, repoDir, null);

    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source().fetch(app(">=3.0.0", credentials(PASSWORD)).source()));

    assertThat(e.failure()).isEqualTo(Failure.REVISION_NOT_FOUND);
    assertThat(e).hasMessage("chart repository " + repoUrl() + ": chart greeter: no version of greeter in range"
        + " >=3.0.0 (the index lists 4)");
  }
}
