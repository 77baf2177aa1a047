package dev.driftless.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.apply.Cluster;
import dev.driftless.model.DriftlessException;
import dev.driftless.secrets.SecretsClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Kubernetes clients per registered cluster, built once and cached per container for a stated lifetime
 * (so a rotated token or kubeconfig in Secrets Manager is picked up). EKS clients keep one client and ask
 * a token provider on each request; the provider makes a new token a few minutes before the old one ends,
 * so no client ever holds an expired EKS token.
 */
public final class ClusterClients implements AutoCloseable {

  /** How long a client built from a Secrets Manager credential is reused before the secret is read again. */
  public static final Duration SECRET_CLIENT_LIFETIME = Duration.ofMinutes(10);
  /** EKS tokens are replaced this long before they expire. */
  public static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(ClusterRegistration registration, Cluster cluster, Instant expiresAt) {}

  private final SecretsClient secrets;
  private final Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ClusterClients(SecretsClient secrets, Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials,
      Clock clock) {
    this.secrets = secrets;
    this.awsCredentials = awsCredentials;
    this.clock = clock;
  }

  /** The cluster's client, from the cache while it is fresh and the registration unchanged. */
  public Cluster get(ClusterRegistration reg) {
    Instant now = clock.instant();
    Cached c = cache.compute(reg.name(), (name, old) -> {
      if (old != null && old.registration.equals(reg) && old.expiresAt.isAfter(now)) return old;
      if (old != null) old.cluster.client().close();
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config(reg)).build();
      Instant until = reg.auth() == ClusterRegistration.Auth.EKS ? Instant.MAX : now.plus(SECRET_CLIENT_LIFETIME);
      return new Cached(reg, Cluster.of(reg.name(), client), until);
    });
    return c.cluster;
  }

  Config config(ClusterRegistration reg) {
    return switch (reg.auth()) {
      case KUBECONFIG -> {
        String doc = secret(reg);
        try {
          yield Config.fromKubeconfig(null, doc, null);
        } catch (RuntimeException e) {
          throw new DriftlessException("cluster " + reg.name() + ": the kubeconfig in secret " + reg.secretId()
              + " cannot be read: " + e.getClass().getSimpleName());
        }
      }
      case TOKEN -> base(reg).withOauthToken(tokenFrom(reg, secret(reg))).build();
      case EKS -> base(reg).withOauthTokenProvider(eksTokens(reg)).build();
    };
  }

  private ConfigBuilder base(ClusterRegistration reg) {
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(reg.server())
        .withRequestTimeout(30_000).withConnectionTimeout(10_000);
    if (reg.caData() != null && !reg.caData().isBlank()) b.withCaCertData(reg.caData());
    return b;
  }

  private OAuthTokenProvider eksTokens(ClusterRegistration reg) {
    EksToken maker = new EksToken(awsCredentials.apply(reg), reg.region(), clock);
    return new OAuthTokenProvider() {
      private EksToken.Token current;

      @Override
      public synchronized String getToken() {
        if (current == null || current.expiresAt().minus(TOKEN_REFRESH_MARGIN).isBefore(clock.instant())) {
          current = maker.create(reg.eksClusterName());
        }
        return current.value();
      }
    };
  }

  private String secret(ClusterRegistration reg) {
    return secrets.secretString(reg.secretId()).orElseThrow(() -> new DriftlessException("cluster " + reg.name()
        + ": secret " + reg.secretId() + " not found"));
  }

  /** A token secret is the token itself, or JSON with a {@code token} field. */
  private static String tokenFrom(ClusterRegistration reg, String value) {
    String v = value.strip();
    if (v.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(v);
        if (n.hasNonNull("token")) return n.get("token").asText();
      } catch (IOException e) {
        // fall through to the error below
      }
      throw new DriftlessException("cluster " + reg.name() + ": secret " + reg.secretId()
          + " is JSON without a token field");
    }
    return v;
  }

  @Override
  public void close() {
    cache.values().forEach(c -> c.cluster.client().close());
    cache.clear();
  }
}
