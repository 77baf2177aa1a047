package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class RequestSignerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:20:30Z"), ZoneOffset.UTC);
  private static final URI URL = URI.create("https://abcdefghij.lambda-url.eu-west-1.on.aws/api/applications/web/sync");

  /** SHA-256 of {"revision":"main"}, computed with sha256sum. */
  private static final String HASH = "54cadcbd69b945c3111d66a2199a88d3fe36a1770a9ebebb9b3842031444e244";

  private static String one(Map<String, List<String>> h, String name) {
    assertThat(h).containsKey(name);
    return h.get(name).get(0);
  }

  @Test
  void aPostIsSignedForLambdaInTheRegionWithTheDateAndThePayloadHash() {
    RequestSigner signer = new RequestSigner(StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), "eu-west-1", CLOCK);
    String body = "{\"revision\":\"main\"}";
    var h = signer.sign("POST", URL, Map.of("Content-Type", "application/json"), body);

    assertThat(one(h, "X-Amz-Date")).isEqualTo("20260301T102030Z");
    assertThat(h.get("x-amz-content-sha256")).containsExactly(HASH);
    String auth = one(h, "Authorization");
    assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/eu-west-1/lambda/aws4_request, ");
    assertThat(auth).contains("SignedHeaders=").contains("host").contains("x-amz-content-sha256")
        .contains("x-amz-date").contains("content-type");
    assertThat(auth).containsPattern("Signature=[0-9a-f]{64}$");
    assertThat(h).doesNotContainKey("X-Amz-Security-Token");

    // The same request at the same time signs the same; another body does not.
    assertThat(one(signer.sign("POST", URL, Map.of("Content-Type", "application/json"), body), "Authorization"))
        .isEqualTo(auth);
    assertThat(one(signer.sign("POST", URL, Map.of("Content-Type", "application/json"), "{}"), "Authorization"))
        .isNotEqualTo(auth);
  }

  @Test
  void aGetCarriesTheEmptyPayloadHashAndSessionCredentialsAddTheirToken() {
    RequestSigner signer = new RequestSigner(StaticCredentialsProvider.create(
        AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token")), "us-east-1", CLOCK);
    var h = signer.sign("GET", URI.create("https://x.lambda-url.us-east-1.on.aws/api/clusters"), Map.of(), null);
    assertThat(h.get("x-amz-content-sha256"))
        .containsExactly("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(one(h, "X-Amz-Security-Token")).isEqualTo("session-token");
    assertThat(one(h, "Authorization")).contains("Credential=ASIAEXAMPLE/20260301/us-east-1/lambda/aws4_request")
        .contains("x-amz-security-token");
  }

  @Test
  void theRegionComesFromAFunctionUrlAndLoopbackHttpIsUnsigned() {
    assertThat(Settings.regionOf(URL)).isEqualTo("eu-west-1");
    assertThat(Settings.regionOf(URI.create("https://api.example.com"))).isNull();
    assertThat(new Settings(URI.create("http://127.0.0.1:8080"), null, GlobalOptions.Format.table, false, null)
        .signed()).isFalse();
    assertThat(new Settings(URI.create("http://localhost:8080"), null, GlobalOptions.Format.table, false, null)
        .signed()).isFalse();
    assertThat(new Settings(URI.create("http://10.0.0.5:8080"), null, GlobalOptions.Format.table, false, null).signed())
        .isTrue();
    assertThat(new Settings(URL, "eu-west-1", GlobalOptions.Format.table, false, null).signed()).isTrue();
  }
}
