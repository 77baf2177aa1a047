package dev.driftless.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Signs API requests with SigV4 for a Lambda Function URL with AWS_IAM auth: service {@code lambda}, the
 * URL's region, the caller's credentials. Every request carries {@code x-amz-content-sha256} (the signer
 * adds the empty payload's hash; for a body we set its hash first), as Function URLs ask of PUT and POST.
 */
final class RequestSigner {

  static final String SERVICE = "lambda";

  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final String region;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  RequestSigner(IdentityProvider<? extends AwsCredentialsIdentity> credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /** The headers to send: the given ones plus Host, X-Amz-Date, X-Amz-Security-Token and Authorization. */
  Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, String body) {
    SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(b::putHeader);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) b.putHeader("x-amz-content-sha256", sha256(bytes));
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SignedRequest signed = signer.sign(r -> r.identity(identity).request(b.build())
        .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    out.putAll(signed.request().headers());
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
