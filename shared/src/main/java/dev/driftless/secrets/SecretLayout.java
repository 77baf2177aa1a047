package dev.driftless.secrets;

import java.util.Map;

/**
 * Where Driftless's secrets live in Secrets Manager, under one deployment prefix (default {@code driftless/}):
 * <ul>
 *   <li>{@code clusters/<name>}: cluster tokens and kubeconfigs;</li>
 *   <li>{@code git/<name>}: Git credentials, each naming the URL prefixes it may be sent to;</li>
 *   <li>{@code webhooks/<normalized repo>}: webhook secrets;</li>
 *   <li>{@code webhooks/audit/<cluster>}: the bearer token each cluster's audit webhook sends;</li>
 *   <li>{@code providers/<host>}: tokens for commit statuses and pull-request comments;</li>
 *   <li>{@code refs/...}: the only names a {@code {{resolve:secretsmanager:...}}} reference may name.</li>
 * </ul>
 * Driftless's own credentials are therefore never reachable through a reference in a commit.
 */
public record SecretLayout(String prefix) {

  public static final String DEFAULT_PREFIX = "driftless/";
  /** The environment variable that sets the prefix (the CDK app and template.yaml set it). */
  public static final String ENV = "DRIFTLESS_SECRET_PREFIX";

  public SecretLayout {
    if (prefix == null || prefix.isBlank()) {
      prefix = DEFAULT_PREFIX;
    }
    if (!prefix.matches("[A-Za-z0-9/_+=.@-]+")) {
      throw new IllegalArgumentException("secret prefix '" + prefix + "' may hold only letters, digits and /_+=.@-");
    }
    if (!prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  public static SecretLayout defaults() {
    return new SecretLayout(DEFAULT_PREFIX);
  }

  public static SecretLayout fromEnvironment(Map<String, String> env) {
    return new SecretLayout(env.get(ENV));
  }

  /** Cluster tokens and kubeconfigs. */
  public String clusters() {
    return prefix + "clusters/";
  }

  /** Git credentials. */
  public String git() {
    return prefix + "git/";
  }

  /** Webhook secrets, one per normalized repository. */
  public String webhooks() {
    return prefix + "webhooks/";
  }

  /**
   * The bearer tokens of the clusters' audit webhooks, one per cluster ({@code <this><cluster>}); among the
   * webhook secrets, so the webhook functions' read access covers them (a repository on a host named
   * {@code audit} has no webhook secret for that reason: {@code WebhookScope}).
   */
  public String auditWebhooks() {
    return webhooks() + "audit/";
  }

  /** Tokens for Git providers' APIs (commit statuses, pull-request comments). */
  public String providers() {
    return prefix + "providers/";
  }

  /** The only names that secret references in manifests may name. */
  public String refs() {
    return prefix + "refs/";
  }

  /** True when {@code name} is a secret name under {@code area} (one of the prefixes above), not a way out of it. */
  public static boolean isUnder(String area, String name) {
    return name != null && name.startsWith(area) && name.length() > area.length() && !name.contains("..")
        && !name.contains("//");
  }
}
