package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.model.Application;
import dev.driftless.source.SourceException.Failure;
import dev.driftless.testkit.LocalAws;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Git credential goes only where its secret says, over TLS (plain HTTP only to this machine in local mode), and
 * never across a redirect: counted at real Git HTTP servers, which see no Authorization header when it must not
 * be sent.
 */
@LocalAws
class GitCredentialSecurityIT {

  private static final String TOKEN = "ghs_s3cret-" + Long.toHexString(System.nanoTime());

  @TempDir
  Path tmp;

  private TestRepo origin;
  private GitHttpServer http;

  @BeforeEach
  void serve() throws IOException {
    origin = TestRepo.create(tmp.resolve("projects/acme/deploy"));
    origin.commit("Add app", Map.of("apps/web/deployment.yaml", "kind: Deployment\n"));
    http = new GitHttpServer(tmp.resolve("projects"), Map.of("x-access-token", TOKEN));
  }

  @AfterEach
  void stop() {
    http.close();
    origin.close();
  }

  private Source source(boolean localRepositories) {
    return new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache"))
        .withLocalRepositories(localRepositories), Clock.systemUTC());
  }

  private static String tokenFor(String urlPrefix) {
    return TestSecrets.create("driftless/git/acme", "{\"token\":\"" + TOKEN + "\",\"urls\":[\"" + urlPrefix + "\"]}");
  }

  private static Application.Source app(String url, String credentials) {
    return new Application.Source(url, "main", "apps/web", credentials, null, null, null);
  }

  @Test
  void aCredentialForOneHostIsNotSentToARepositoryOnAnother() {
    String secret = tokenFor(http.url("localhost", "acme/"));
    String elsewhere = http.url("127.0.0.1", "acme/deploy");
    SourceException e = catchThrowableOfType(SourceException.class, () -> source(true).fetch(app(elsewhere, secret)));
    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e).hasMessage("repository " + elsewhere + ": credentials " + secret
        + " not sent: the repository is under none of the secret's urls");
    assertThat(http.authorizationHeaders.get()).as("Authorization headers the other host received").isZero();
    TestSecrets.assertNoSecretIn(e, TOKEN);
  }

  @Test
  void aCredentialForOneProjectIsNotSentToAProjectWhoseNameMerelyStartsTheSame() {
    String secret = tokenFor(http.url("127.0.0.1", "acm"));
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source(true).fetch(app(http.url("acme/deploy"), secret)));
    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(http.authorizationHeaders.get()).isZero();
  }

  @Test
  void aCredentialWithoutUrlsIsSentNowhere() {
    String secret = TestSecrets.create("driftless/git/acme", "{\"token\":\"" + TOKEN + "\"}");
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source(true).fetch(app(http.url("acme/deploy"), secret)));
    assertThat(e).hasMessageEndingWith("not sent: the secret names no urls (the URL prefixes it may be sent to)");
    assertThat(http.authorizationHeaders.get()).isZero();
  }

  @Test
  void aCredentialIsNeverSentOverPlainHttpOutsideTheLocalRunner() {
    String url = http.url("acme/deploy");
    String secret = tokenFor(http.url("acme/"));
    SourceException e = catchThrowableOfType(SourceException.class, () -> source(false).fetch(app(url, secret)));
    assertThat(e).hasMessage("repository " + url + ": credentials " + secret
        + " not sent: credentials travel only over https:// or ssh://, not http://");
    assertThat(http.authorizationHeaders.get()).isZero();
  }

  @Test
  void aCredentialIsNotCarriedAcrossARedirectToAnotherHost() throws IOException {
    try (RedirectingHttpServer hostile = new RedirectingHttpServer(http.origin("localhost"))) {
      String url = hostile.url("git/acme/deploy");
      String secret = tokenFor(hostile.url("git/acme/"));
      SourceException e = catchThrowableOfType(SourceException.class, () -> source(true).fetch(app(url, secret)));
      assertThat(e).hasMessageStartingWith("repository " + url + ": ").hasMessageContaining("while listing refs");
      assertThat(http.authorizationHeaders.get()).as("Authorization headers the redirect's target received")
          .isZero();
      TestSecrets.assertNoSecretIn(e, TOKEN);
    }
  }

  @Test
  void aFileRepositoryIsRefusedOutsideTheLocalRunnerBeforeAnythingIsRead() {
    Source source = source(false);
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source.fetch(app(origin.fileUrl(), null)));
    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
    assertThat(e).hasMessageContaining("file:// URLs and local paths only in the local runner");
    assertThat(source.fetchCount()).isZero();
    assertThat(source.cacheBytes()).isZero();
  }

  @Test
  void aLocalPathIsRefusedOutsideTheLocalRunner() {
    String path = tmp.resolve("projects/acme/deploy").toString();
    SourceException e = catchThrowableOfType(SourceException.class, () -> source(false).fetch(app(path, null)));
    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
  }

  @Test
  void aCredentialOutsideTheGitSecretsIsNotRead() {
    String secret = TestSecrets.create("driftless/refs/acme", "{\"token\":\"" + TOKEN + "\",\"urls\":[\""
        + http.url("acme/") + "\"]}");
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source(true).fetch(app(http.url("acme/deploy"), secret)));
    assertThat(e).hasMessageEndingWith("refused: a Git credential's secret must be under driftless/git/");
    assertThat(http.authorizationHeaders.get()).isZero();
  }
}
