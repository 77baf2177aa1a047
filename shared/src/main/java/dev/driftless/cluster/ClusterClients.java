package dev.driftless.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.apply.Cluster;
import dev.driftless.model.DriftlessException;
import dev.driftless.secrets.SecretLayout;
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
 *
 * <p>A client is built only from values checked here: the registration passes {@link ClusterRules}, a kubeconfig
 * passes {@link Kubeconfig} (nothing it names is run or read from disk), and the fabric8 config starts empty with
 * auto-configuration off, so neither {@code ~/.kube/config}, {@code KUBECONFIG}, the {@code kubernetes.*} system
 * properties, proxy variables nor a service account's files ever add to it.
 */
public final class ClusterClients implements AutoCloseable {

  /** How long a client built from a Secrets Manager credential is reused before the secret is read again. */
  public static final Duration SECRET_CLIENT_LIFETIME = Duration.ofMinutes(10);
  /** EKS tokens are replaced this long before they expire. */
  public static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Cached(ClusterRegistration registration, Cluster cluster, Instant expiresAt) {}

  private final SecretsClient secrets;
  private final SecretLayout layout;
  private final Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ClusterClients(SecretsClient secrets, SecretLayout layout,
      Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials, Clock clock) {
    this.secrets = secrets;
    this.layout = layout;
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

  /**
   * Refuses a registration Driftless would not use, reading its kubeconfig when it has one: the API calls this
   * before storing a registration, and {@link #get} before building a client.
   */
  public void admit(ClusterRegistration reg) {
    ClusterRules.check(reg, layout);
    if (reg.auth() == ClusterRegistration.Auth.KUBECONFIG) kubeconfig(reg);
  }

  Config config(ClusterRegistration reg) {
    ClusterRules.check(reg, layout);
    return switch (reg.auth()) {
      case KUBECONFIG -> {
        Kubeconfig k = kubeconfig(reg);
        ConfigBuilder b = base(k.server(), k.caData());
        if (k.token() != null) b.withOauthToken(k.token());
        if (k.clientCertData() != null) b.withClientCertData(k.clientCertData()).withClientKeyData(k.clientKeyData());
        yield b.build();
      }
      case TOKEN -> base(reg.server(), reg.caData()).withOauthToken(tokenFrom(reg, secret(reg))).build();
      case EKS -> base(reg.server(), reg.caData()).withOauthTokenProvider(eksTokens(reg)).build();
    };
  }

  private Kubeconfig kubeconfig(ClusterRegistration reg) {
    String what = "cluster " + reg.name() + ": kubeconfig in secret " + reg.secretId();
    Kubeconfig k = Kubeconfig.parse(what, secret(reg));
    ClusterRules.checkServer(what + ": server", k.server());
    return k;
  }

  /** A config holding only what is given here: auto-configuration off, so nothing comes from files or the environment. */
  private static ConfigBuilder base(String server, String caData) {
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withAutoConfigure(false).withMasterUrl(server)
        .withRequestTimeout(30_000).withConnectionTimeout(10_000);
    if (caData != null && !caData.isBlank()) b.withCaCertData(caData);
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
