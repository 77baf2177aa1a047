package dev.driftless.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a sender proves it knows the repository's webhook secret, one constant per header format. Every
 * comparison is constant-time over equal-length digests ({@link MessageDigest#isEqual}), so neither the
 * content nor the length of the secret leaks through timing.
 */
public enum Signatures {

  /** {@code sha256=<hex>}: HMAC-SHA256 of the raw body (GitHub, Bitbucket Cloud and Data Center, Driftless). */
  HMAC_SHA256_PREFIXED {
    @Override
    public String sign(String secret, byte[] body) {
      return "sha256=" + hmacHex(secret, body);
    }

    @Override
    boolean verify(String header, String secret, byte[] body) {
      if (!header.regionMatches(true, 0, "sha256=", 0, "sha256=".length())) {
        return false;
      }
      return equalHex(header.substring("sha256=".length()), hmac(secret, body));
    }
  },

  /** {@code <hex>}: HMAC-SHA256 of the raw body, no prefix (Gitea, Forgejo). */
  HMAC_SHA256_HEX {
    @Override
    public String sign(String secret, byte[] body) {
      return hmacHex(secret, body);
    }

    @Override
    boolean verify(String header, String secret, byte[] body) {
      return equalHex(header, hmac(secret, body));
    }
  },

  /** The secret itself as a shared token (GitLab's {@code X-Gitlab-Token}); the body is not signed. */
  TOKEN {
    @Override
    public String sign(String secret, byte[] body) {
      return secret;
    }

    @Override
    boolean verify(String header, String secret, byte[] body) {
      return MessageDigest.isEqual(sha256(header.getBytes(StandardCharsets.UTF_8)),
          sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }
  };

  /** The header value a sender holding {@code secret} sends for {@code body} (tests and samples). */
  public abstract String sign(String secret, byte[] body);

  /** True when the header value proves the secret; false for a missing, malformed or wrong value. */
  public boolean verifies(String header, String secret, byte[] body) {
    return header != null && !header.isBlank() && verify(header.strip(), secret, body);
  }

  abstract boolean verify(String header, String secret, byte[] body);

  static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  static String hmacHex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, body));
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Compares hex text with the expected digest; text that is not 64 hex digits never matches. */
  private static boolean equalHex(String hex, byte[] expected) {
    String h = hex.strip().toLowerCase(Locale.ROOT);
    if (h.length() != expected.length * 2 || !h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
    return MessageDigest.isEqual(HexFormat.of().parseHex(h), expected);
  }
}
