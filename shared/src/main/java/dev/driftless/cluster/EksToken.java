package dev.driftless.cluster;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Makes EKS bearer tokens as {@code aws eks get-token} does: an STS GetCallerIdentity request presigned
 * for 60 seconds with the {@code x-k8s-aws-id} header naming the cluster, base64url-encoded after
 * {@code k8s-aws-v1.}. EKS accepts such a token for 15 minutes; callers refresh well before that.
 */
public final class EksToken {

  /** How long EKS honours a token. */
  public static final Duration LIFETIME = Duration.ofMinutes(15);

  private final AwsCredentialsProvider credentials;
  private final String region;
  private final Clock clock;

  public EksToken(AwsCredentialsProvider credentials, String region, Clock clock) {
    this.credentials = credentials;
    // Without a region the token would be signed for sts.null.amazonaws.com.
    this.region = Objects.requireNonNull(region, "region");
    this.clock = clock;
  }

  public record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "EKS token expiring " + expiresAt;
    }
  }

  public Token create(String clusterName) {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(URI.create("https://sts." + region + ".amazonaws.com/"))
        .appendRawQueryParameter("Action", "GetCallerIdentity")
        .appendRawQueryParameter("Version", "2011-06-15")
        .putHeader("x-k8s-aws-id", clusterName)
        .build();
    AwsCredentialsIdentity identity = credentials.resolveCredentials();
    Instant now = clock.instant();
    SignedRequest presigned = AwsV4HttpSigner.create().sign(r -> r.request(request).identity(identity)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));
    String url = presigned.request().getUri().toString();
    String token = "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(url.getBytes(StandardCharsets.UTF_8));
    return new Token(token, now.plus(LIFETIME));
  }
}
