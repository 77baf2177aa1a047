package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sso.auth.ExpiredTokenException;

/**
 * AWS profiles as a user has them, in temporary files named by the terminal's environment. Nothing is fetched:
 * the SSO profiles name a session and a start URL no token was ever cached for, so the SSO provider fails while
 * reading its cache, before any call to AWS.
 */
class SigningCredentialsTest {

  private static final String FUNCTION_URL = "https://abcdefghij.lambda-url.eu-west-1.on.aws";

  @TempDir Path home;
  private Path config;
  private final String unique = UUID.randomUUID().toString();

  @BeforeEach
  void noCredentialsOutsideTheProfile() {
    // The SDK reads access keys from the process's own environment and properties, not the test's terminal.
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null,
        "access keys in this process's environment would sign before any profile is read");
    config = home.resolve("aws-config");
  }

  private Map<String, String> env() {
    return Map.of("AWS_CONFIG_FILE", config.toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString(), "AWS_PROFILE", "dev");
  }

  private Terminal terminal() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new Terminal(sink, sink, env(), home, false, Clock.systemUTC());
  }

  private void ssoSessionProfile() throws Exception {
    Files.writeString(config, """
        [profile dev]
        sso_session = driftless-%s
        sso_account_id = 111122223333
        sso_role_name = Deployer
        region = eu-west-1

        [sso-session driftless-%s]
        sso_start_url = https://d-%s.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access
        """.formatted(unique, unique, unique));
  }

  @Test
  void anSsoSessionProfileWithoutATokenIsPickedAndAsksTheUserToLogIn() throws Exception {
    ssoSessionProfile();
    assertThatThrownBy(() -> SigningCredentials.of(terminal()).resolveIdentity().join())
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("AWS profile dev signs in with SSO and has no valid token: run aws sso login "
            + "--profile dev")
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(Main.API_ERROR))
        // The sso module's own exception: without the sso and ssooidc modules the profile provider says
        // instead that the 'sso' service module must be on the class path.
        .cause().isInstanceOf(ExpiredTokenException.class).hasMessageContaining("run aws sso login");
  }

  @Test
  void aLegacySsoProfileWithoutATokenIsPickedAndAsksTheUserToLogIn() throws Exception {
    Files.writeString(config, """
        [profile dev]
        sso_start_url = https://d-%s.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 111122223333
        sso_role_name = Deployer
        """.formatted(unique));
    assertThatThrownBy(() -> SigningCredentials.of(terminal()).resolveIdentity().join())
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("AWS profile dev signs in with SSO and has no valid token: run aws sso login "
            + "--profile dev")
        // The legacy SSO provider finds no token that aws sso login cached.
        .cause().isInstanceOf(ExpiredTokenException.class).hasMessageContaining("run aws sso login");
  }

  @Test
  void aSignedCommandWithAnSsoProfileAndNoTokenPrintsOneErrorLineAndNoStackTrace() throws Exception {
    ssoSessionProfile();
    Run r = Run.of(env(), home, false, "--server", FUNCTION_URL, "app", "list");
    assertThat(r.code()).isEqualTo(Main.API_ERROR);
    assertThat(r.err()).startsWith("error: AWS profile dev signs in with SSO and has no valid token: run aws sso "
        + "login --profile dev (The SSO session associated with this profile has expired")
        .endsWith(")" + System.lineSeparator()).hasLineCount(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aProfileWithNoCredentialsNamesTheProfileAndTheWaysToGiveSome() throws Exception {
    Files.writeString(config, "[profile dev]\nregion = eu-west-1\n");
    Run r = Run.of(env(), home, false, "--server", FUNCTION_URL, "app", "list");
    assertThat(r.code()).isEqualTo(Main.API_ERROR);
    assertThat(r.err()).startsWith("error: no AWS credentials to sign the request with (profile dev): set "
        + "AWS_PROFILE").doesNotContain("\tat ");
  }

  @Test
  void aMalformedConfigFileIsAUsageErrorNamingTheFile() throws Exception {
    Files.writeString(config, "[profile dev\nregion = eu-west-1\n");
    assertThatThrownBy(() -> SigningCredentials.of(terminal())).isInstanceOf(CliException.class)
        .hasMessageStartingWith("cannot read AWS configuration file " + config + ": ");
  }
}
