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
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source stage over smart HTTP, served by git's real http-backend behind Basic authentication, with
 * credentials read from the Secrets Manager emulator.
 */
@LocalAws
class SourceHttpIT {

  private static final String TOKEN = "ghs_tok3n-" + Long.toHexString(System.nanoTime());
  private static final String PASSWORD = "pa55-" + Long.toHexString(System.nanoTime());

  @TempDir
  Path tmp;

  private TestRepo origin;
  private GitHttpServer http;
  private RevCommit first;
  private RevCommit second;
  private String url;

  @BeforeEach
  void serve() throws IOException {
    origin = TestRepo.create(tmp.resolve("projects/acme/deploy"));
    first = origin.commit("Add app", Map.of("apps/web/deployment.yaml", "kind: Deployment\n",
        "docs/readme.md", "# docs\n"));
    second = origin.commit("Change app", Map.of("apps/web/deployment.yaml", "kind: Deployment # 2\n"));
    origin.tag("v1.4.2", second, true);
    http = new GitHttpServer(tmp.resolve("projects"), Map.of("x-access-token", TOKEN, "alice", PASSWORD));
    url = http.url("acme/deploy");
  }

  @AfterEach
  void stop() {
    http.close();
    origin.close();
  }

  private Source source() {
    // The test server is plain HTTP on loopback: only local mode sends credentials to it.
    return new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache"))
        .withLocalRepositories(true), Clock.systemUTC());
  }

  /** The URL prefix the test credentials serve: every repository of the acme project on the test server. */
  private String urls() {
    return ",\"urls\":[\"" + http.url("acme/") + "\"]";
  }

  private Application.Source app(String revision, String credentials) {
    return new Application.Source(url, revision, "apps/web", credentials, null, null, null);
  }

  @Test
  void aTokenFromSecretsManagerFetchesOverSmartHttp() {
    String secret = TestSecrets.create("driftless/git/token", "{\"token\":\"" + TOKEN + "\"" + urls() + "}");
    Checkout c = source().fetch(app("^1.4", secret));
    assertThat(c.revision().ref()).isEqualTo("refs/tags/v1.4.2");
    assertThat(c.revision().sha()).isEqualTo(second.name());
    assertThat(c.root().resolve("apps/web/deployment.yaml")).hasContent("kind: Deployment # 2");
    assertThat(http.unauthorized.get()).as("the first request is challenged").isPositive();
  }

  @Test
  void aUsernameAndPasswordFetchACommitByIdAndComputeChangedPaths() {
    String secret = TestSecrets.create("driftless/git/basic", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
        + "\"" + urls() + "}");
    Source source = source();
    Checkout c = source.fetch(app(first.name(), secret));
    assertThat(c.revision().sha()).isEqualTo(first.name());
    assertThat(source.fetchCount()).as("fetched by id, no full fetch").isEqualTo(1);
    ChangedPaths changed = source.changedPaths(url, secret, first.name(), second.name());
    assertThat(changed.paths()).containsExactly("apps/web/deployment.yaml");
  }

  @Test
  void aWrongTokenFailsWithAnAuthenticationErrorThatNamesTheRepositoryButNotTheToken() {
    String wrong = "ghs_wrong-" + Long.toHexString(System.nanoTime());
    String secret = TestSecrets.create("driftless/git/wrong", "{\"token\":\"" + wrong + "\"" + urls() + "}");
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", secret)));
    assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
    assertThat(e).hasMessageStartingWith("repository " + url + ": authentication failed (credentials " + secret
        + ") while listing refs");
    TestSecrets.assertNoSecretIn(e, wrong, TOKEN);
  }

  @Test
  void noCredentialsForAProtectedRepositoryFailWithAnAuthenticationError() {
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", null)));
    assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
    assertThat(e).hasMessageStartingWith("repository " + url + ": authentication failed while listing refs");
  }

  @Test
  void aMissingSecretFailsNamingTheSecretId() {
    SourceException e = catchThrowableOfType(SourceException.class,
        () -> source().fetch(app("main", "driftless/git/does-not-exist")));
    assertThat(e.failure()).isEqualTo(Failure.INVALID_CREDENTIALS);
    assertThat(e).hasMessage("repository " + url + ": credentials driftless/git/does-not-exist: secret not found");
  }

  @Test
  void anUnknownRepositoryIsReportedAsNotFound() {
    String secret = TestSecrets.create("driftless/git/token", "{\"token\":\"" + TOKEN + "\"" + urls() + "}");
    String missing = http.url("acme/missing");
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(
        new Application.Source(missing, "main", ".", secret, null, null, null)));
    assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND);
    assertThat(e).hasMessageStartingWith("repository " + missing + ": repository not found");
    TestSecrets.assertNoSecretIn(e, TOKEN);
  }
}
