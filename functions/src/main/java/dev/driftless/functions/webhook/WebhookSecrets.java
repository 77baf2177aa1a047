package dev.driftless.functions.webhook;

import dev.driftless.secrets.SecretsClient;
import java.time.Clock;

/**
 * Each repository's webhook secret, read from Secrets Manager at {@code <prefix><normalized repository>}, and each
 * project's own, at {@code <prefix>projects/<project>/<normalized repository>} ({@link WebhookScope}), through the
 * container's {@link CallerSecrets} (its cache and lookup budget).
 */
public final class WebhookSecrets {

  private final CallerSecrets secrets;
  private final WebhookOptions options;

  public WebhookSecrets(SecretsClient client, Clock clock, WebhookOptions options) {
    this(new CallerSecrets(client, clock, options), options);
  }

  public WebhookSecrets(CallerSecrets secrets, WebhookOptions options) {
    this.secrets = secrets;
    this.options = options;
  }

  /** The Secrets Manager name of a repository's webhook secret. */
  public static String secretName(String prefix, String normalizedRepo) {
    return prefix + normalizedRepo;
  }

  /** The Secrets Manager name of a project's own webhook secret for a repository. */
  public static String projectSecretName(String prefix, String project, String normalizedRepo) {
    return prefix + WebhookScope.PROJECTS + project + "/" + normalizedRepo;
  }

  /** The secret of the repository in the scope, or why there is none; at most one Secrets Manager call. */
  public CallerSecrets.Lookup secretFor(WebhookScope scope, String normalizedRepo) {
    return secrets.lookup(scope.secretName(options.secretPrefix(), normalizedRepo));
  }
}
