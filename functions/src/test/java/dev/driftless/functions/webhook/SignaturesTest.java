package dev.driftless.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void hmacMatchesTheRfc4231TestVector() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertThat(Signatures.HMAC_SHA256_HEX.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void prefixedSignaturesVerifyOnlyWithTheSha256PrefixTheSecretAndTheBody() {
    String good = Signatures.HMAC_SHA256_PREFIXED.sign("s3cret", BODY);
    assertThat(good).startsWith("sha256=");
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(good, "s3cret", BODY)).isTrue();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies("SHA256=" + good.substring(7).toUpperCase(), "s3cret", BODY))
        .isTrue();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(good, "other", BODY)).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(good, "s3cret", "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies("sha1=" + good.substring(7), "s3cret", BODY)).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(good.substring(7), "s3cret", BODY)).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies("sha256=zz", "s3cret", BODY)).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(null, "s3cret", BODY)).isFalse();
    assertThat(Signatures.HMAC_SHA256_PREFIXED.verifies(" ", "s3cret", BODY)).isFalse();
  }

  @Test
  void bareHexSignaturesAndTokensVerify() {
    String hex = Signatures.HMAC_SHA256_HEX.sign("s3cret", BODY);
    assertThat(Signatures.HMAC_SHA256_HEX.verifies(hex, "s3cret", BODY)).isTrue();
    assertThat(Signatures.HMAC_SHA256_HEX.verifies("sha256=" + hex, "s3cret", BODY)).isFalse();
    assertThat(Signatures.TOKEN.verifies("s3cret", "s3cret", BODY)).isTrue();
    assertThat(Signatures.TOKEN.verifies("s3cre", "s3cret", BODY)).isFalse();
    assertThat(Signatures.TOKEN.verifies("s3cret-and-more", "s3cret", BODY)).isFalse();
  }
}
