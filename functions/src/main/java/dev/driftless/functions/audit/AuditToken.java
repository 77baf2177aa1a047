package dev.driftless.functions.audit;

import dev.driftless.functions.webhook.CallerSecrets;
import dev.driftless.functions.webhook.Signatures;
import dev.driftless.secrets.SecretLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks the bearer token a cluster's audit webhook sends against the cluster's, kept in Secrets Manager at
 * {@code <prefix>webhooks/audit/<cluster>} ({@link SecretLayout#auditWebhooks()}) and read through the container's
 * {@link CallerSecrets} (cache, lookup budget). The comparison takes the same time wherever the tokens differ.
 */
final class AuditToken {

  /** Why a request is not verified, for the log only; the caller is answered the same 401 whatever it is. */
  enum Verdict { VERIFIED, NO_TOKEN_SENT, NO_TOKEN_STORED, DEFERRED, MISMATCH }

  private static final String BEARER = "Bearer ";
  /** Compared against when there is no stored token, only to spend the same work. */
  private static final byte[] NOTHING = Signatures.sha256("driftless: no audit token".getBytes(StandardCharsets.UTF_8));

  private final CallerSecrets secrets;
  private final SecretLayout layout;

  AuditToken(CallerSecrets secrets, SecretLayout layout) {
    this.secrets = secrets;
    this.layout = layout;
  }

  /** The verdict on {@code authorization} (the header, or null) for {@code cluster}, a name already checked. */
  Verdict check(String cluster, String authorization) {
    CallerSecrets.Lookup stored = secrets.lookup(layout.auditWebhooks() + cluster);
    Optional<String> sent = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? Optional.of(authorization.substring(BEARER.length()).strip()) : Optional.empty();
    byte[] expected = stored.secret().map(s -> Signatures.sha256(s.getBytes(StandardCharsets.UTF_8))).orElse(NOTHING);
    byte[] given = Signatures.sha256(sent.orElse("").getBytes(StandardCharsets.UTF_8));
    boolean matches = MessageDigest.isEqual(expected, given);
    return switch (stored.outcome()) {
      case NONE -> Verdict.NO_TOKEN_STORED;
      case DEFERRED -> Verdict.DEFERRED;
      case FOUND -> sent.isEmpty() || sent.get().isEmpty() ? Verdict.NO_TOKEN_SENT
          : matches ? Verdict.VERIFIED : Verdict.MISMATCH;
    };
  }
}
