package dev.driftless.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS credentials requests are signed with: the SDK's default chain (environment, profiles, including SSO,
 * role and web identity ones, container, instance), with the profile name and the profile files taken from the
 * terminal's environment and home as the AWS CLI takes them. When none resolve, the error says what to do; for
 * an SSO profile that is {@code aws sso login --profile <name>}.
 */
final class SigningCredentials implements IdentityProvider<AwsCredentialsIdentity> {

  /** A profile naming an [sso-session] section (the SDK has no constant for this property). */
  private static final String SSO_SESSION = "sso_session";

  private final String profileName;
  private final ProfileFile profiles;
  private final boolean sso;
  private final AwsCredentialsProvider chain;

  private SigningCredentials(String profileName, ProfileFile profiles, boolean sso, AwsCredentialsProvider chain) {
    this.profileName = profileName;
    this.profiles = profiles;
    this.sso = sso;
    this.chain = chain;
  }

  static SigningCredentials of(Terminal t) {
    String name = Optional.ofNullable(t.env().get("AWS_PROFILE")).filter(p -> !p.isBlank()).orElse("default");
    // As the SDK does, the credentials file goes first: the aggregator keeps a property from the file added first.
    ProfileFile.Aggregator files = ProfileFile.aggregator();
    addIfPresent(files, file(t, "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"), ProfileFile.Type.CREDENTIALS);
    addIfPresent(files, file(t, "AWS_CONFIG_FILE", ".aws/config"), ProfileFile.Type.CONFIGURATION);
    ProfileFile profiles = files.build();
    boolean sso = profiles.profile(name).map(SigningCredentials::isSso).orElse(false);
    return new SigningCredentials(name, profiles, sso,
        DefaultCredentialsProvider.builder().profileFile(profiles).profileName(name).build());
  }

  @Override
  public Class<AwsCredentialsIdentity> identityType() {
    return AwsCredentialsIdentity.class;
  }

  @Override
  public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
    try {
      return CompletableFuture.completedFuture(chain.resolveCredentials());
    } catch (SdkException e) {
      if (sso) return CompletableFuture.completedFuture(fromSsoProfile());
      throw new CliException("no AWS credentials to sign the request with (profile " + profileName + "): set "
          + "AWS_PROFILE (after aws sso login or aws configure) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
          Main.API_ERROR, e);
    }
  }

  /**
   * The chain's message lists every provider it tried; the profile's own provider, asked alone, says why the SSO
   * token is unusable (none cached, expired, refresh refused). Only a failed chain pays for asking twice.
   */
  private AwsCredentialsIdentity fromSsoProfile() {
    try {
      return ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profileName).build()
          .resolveCredentials();
    } catch (RuntimeException e) {
      throw new CliException("AWS profile " + profileName + " signs in with SSO and has no valid token: run aws "
          + "sso login --profile " + profileName + " (" + e.getMessage() + ")", Main.API_ERROR, e);
    }
  }

  private static boolean isSso(Profile p) {
    return p.property(SSO_SESSION).isPresent() || p.property(ProfileProperty.SSO_START_URL).isPresent();
  }

  private static Path file(Terminal t, String variable, String underHome) {
    String set = t.env().get(variable);
    return set == null || set.isBlank() ? t.home().resolve(underHome) : Path.of(set);
  }

  private static void addIfPresent(ProfileFile.Aggregator files, Path file, ProfileFile.Type type) {
    if (!Files.isRegularFile(file)) return;
    try {
      files.addFile(ProfileFile.builder().content(file).type(type).build());
    } catch (RuntimeException e) {
      throw new CliException("cannot read AWS " + type.name().toLowerCase(Locale.ROOT) + " file " + file + ": "
          + e.getMessage(), 2, e);
    }
  }
}
