package dev.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.model.Application;
import dev.driftless.source.SourceException.Failure;
import dev.driftless.testkit.LocalAws;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source stage over SSH to an Apache MINA sshd server running git's upload-pack, authenticating with a
 * key from the Secrets Manager emulator and checking the host key strictly against the secret's known_hosts.
 */
@LocalAws
class SourceSshIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private TestRepo origin;
  private GitSshServer ssh;
  private KeyPair clientKey;
  private RevCommit first;
  private RevCommit second;
  private String url;

  @BeforeEach
  void serve() throws Exception {
    origin = TestRepo.create(tmp.resolve("projects/acme/deploy"));
    first = origin.commit("Add app", Map.of("apps/web/deployment.yaml", "kind: Deployment\n"));
    second = origin.commit("Change app\n\nlonger body", Map.of("apps/web/deployment.yaml", "kind: Deployment # 2\n"));
    clientKey = GitSshServer.newKey();
    ssh = new GitSshServer(tmp.resolve("projects"), clientKey.getPublic());
    url = ssh.url("acme/deploy");
  }

  @AfterEach
  void stop() throws Exception {
    ssh.close();
    origin.close();
  }

  private Source source() {
    return new Source(TestSecrets.client(), SourceOptions.defaults().withCacheDir(tmp.resolve("cache")),
        Clock.systemUTC());
  }

  private String sshSecret(KeyPair key, String knownHosts) throws Exception {
    return TestSecrets.create("driftless/git/ssh", JSON.writeValueAsString(Map.of(
        "sshPrivateKey", GitSshServer.openSshPrivateKey(key), "knownHosts", knownHosts, "urls", List.of(url))));
  }

  private Application.Source app(String revision, String credentials) {
    return new Application.Source(url, revision, "apps/web", credentials, null, null, null);
  }

  /** A line of the key's base64 body: enough to spot it in any text. */
  private static String keyMaterial(KeyPair key) throws Exception {
    return GitSshServer.openSshPrivateKey(key).lines().skip(1).findFirst().orElseThrow();
  }

  @Test
  void theRightKeyAndKnownHostsFetchOverSsh() throws Exception {
    String secret = sshSecret(clientKey, ssh.knownHosts(ssh.hostKey()));
    Source source = source();
    Checkout c = source.fetch(app("main", secret));
    assertThat(c.revision().sha()).isEqualTo(second.name());
    assertThat(c.revision().message()).isEqualTo("Change app");
    assertThat(c.root().resolve("apps/web/deployment.yaml")).hasContent("kind: Deployment # 2");
    assertThat(source.changedPaths(url, secret, first.name(), second.name()).paths())
        .containsExactly("apps/web/deployment.yaml");
    assertThat(tmp.resolve("cache/tmp")).as("the per-credential ssh directory is removed").isEmptyDirectory();
  }

  @Test
  void ed25519ClientAndHostKeysWork() throws Exception {
    KeyPair client = GitSshServer.newEd25519Key();
    try (GitSshServer edServer = new GitSshServer(tmp.resolve("projects"), client.getPublic(),
        GitSshServer.newEd25519Key())) {
      url = edServer.url("acme/deploy");
      assertThat(edServer.knownHosts(edServer.hostKey())).contains("ssh-ed25519 ");
      String secret = sshSecret(client, edServer.knownHosts(edServer.hostKey()));
      Checkout c = source().fetch(app("main", secret));
      assertThat(c.revision().sha()).isEqualTo(second.name());
    }
  }

  @Test
  void aServerRefusingUnadvertisedCommitsGetsAFullFetchInstead() throws Exception {
    origin.setConfig("uploadpack", "allowReachableSHA1InWant", false);
    ssh.v0Only = true; // v0 over SSH checks wants against the advertised tips
    String secret = sshSecret(clientKey, ssh.knownHosts(ssh.hostKey()));
    Source source = source();
    Checkout c = source.fetch(app(first.name(), secret));
    assertThat(c.revision().sha()).isEqualTo(first.name());
    assertThat(c.root().resolve("apps/web/deployment.yaml")).hasContent("kind: Deployment");
    assertThat(source.fetchCount()).as("refused by id, then a full fetch").isEqualTo(2);
  }

  @Test
  void aWrongKeyFailsWithAnAuthenticationErrorThatNeverShowsTheKey() throws Exception {
    KeyPair wrong = GitSshServer.newKey();
    String secret = sshSecret(wrong, ssh.knownHosts(ssh.hostKey()));
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", secret)));
    assertThat(e.failure()).isEqualTo(Failure.AUTHENTICATION_FAILED);
    assertThat(e).hasMessageStartingWith("repository " + url + ": authentication failed (credentials " + secret
        + ") while listing refs");
    TestSecrets.assertNoSecretIn(e, keyMaterial(wrong));
  }

  @Test
  void aHostKeyOtherThanTheKnownOneFailsWithAHostKeyError() throws Exception {
    KeyPair impostor = GitSshServer.newKey();
    String secret = sshSecret(clientKey, ssh.knownHosts(impostor.getPublic()));
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", secret)));
    assertThat(e.failure()).isEqualTo(Failure.HOST_KEY_MISMATCH);
    assertThat(e).hasMessageStartingWith("repository " + url + ": host key mismatch (credentials " + secret + ")");
    TestSecrets.assertNoSecretIn(e, keyMaterial(clientKey));
  }

  @Test
  void aHostMissingFromKnownHostsIsNotTrusted() throws Exception {
    String secret = sshSecret(clientKey, "git.example.com " + PublicKeyEntry
        .toString(ssh.hostKey()));
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", secret)));
    assertThat(e.failure()).isEqualTo(Failure.HOST_KEY_MISMATCH);
  }

  @Test
  void aTokenForAnSshUrlIsRefusedBeforeConnecting() {
    String secret = TestSecrets.create("driftless/git/token", "{\"token\":\"tok-for-ssh\",\"urls\":[\"" + url + "\"]}");
    SourceException e = catchThrowableOfType(SourceException.class, () -> source().fetch(app("main", secret)));
    assertThat(e.failure()).isEqualTo(Failure.INVALID_CREDENTIALS);
    assertThat(e).hasMessage("repository " + url + ": credentials " + secret
        + " holds a token or password but the URL is an SSH URL");
  }
}
