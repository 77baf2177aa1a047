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
import java.util.HashMap;
import java.util.Map;
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

  /**
   * One cached client and how many operations use it now. A client replaced (its lifetime over, or its
   * registration changed) is retired: it is closed when its last user is done, never under a user's feet.
   */
  private static final class Cached {
    final ClusterRegistration registration;
    final Cluster cluster;
    final Instant expiresAt;
    int users;
    boolean retired;

    Cached(ClusterRegistration registration, Cluster cluster, Instant expiresAt) {
      this.registration = registration;
      this.cluster = cluster;
      this.expiresAt = expiresAt;
    }
  }

  /** A cluster's client held by one operation; closing it says the operation is done with it. */
  public final class Use implements AutoCloseable {
    private final Cached cached;
    private boolean closed;

    private Use(Cached cached) {
      this.cached = cached;
    }

    public Cluster cluster() {
      return cached.cluster;
    }

    @Override
    public void close() {
      synchronized (ClusterClients.this) {
        if (closed) return;
        closed = true;
        cached.users--;
        if (cached.retired && cached.users == 0) cached.cluster.client().close();
      }
    }
  }

  private final SecretsClient secrets;
  private final SecretLayout layout;
  private final Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials;
  private final Clock clock;
  private final Map<String, Cached> cache = new HashMap<>();

  public ClusterClients(SecretsClient secrets, SecretLayout layout,
      Function<ClusterRegistration, AwsCredentialsProvider> awsCredentials, Clock clock) {
    this.secrets = secrets;
    this.layout = layout;
    this.awsCredentials = awsCredentials;
    this.clock = clock;
  }

  /**
   * The cluster's client for one operation, from the cache while it is fresh and the registration unchanged;
   * close the use when the operation is done. A client another operation still uses stays open until that one
   * is done too, however old it is.
   */
  public synchronized Use use(ClusterRegistration reg) {
    Cached c = fresh(reg);
    c.users++;
    return new Use(c);
  }

  private Cached fresh(ClusterRegistration reg) {
    Instant now = clock.instant();
    Cached old = cache.get(reg.name());
    if (old != null && old.registration.equals(reg) && old.expiresAt.isAfter(now)) return old;
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config(reg)).build();
    Instant until = reg.auth() == ClusterRegistration.Auth.EKS ? Instant.MAX : now.plus(SECRET_CLIENT_LIFETIME);
    Cached made = new Cached(reg, Cluster.of(reg.name(), client), until);
    cache.put(reg.name(), made);
    if (old != null) retire(old);
    return made;
  }

  private static void retire(Cached c) {
    c.retired = true;
    if (c.users == 0) c.cluster.client().close();
  }

  /**
   * Refuses a registration Driftless would not use, reading its kubeconfig when it has one: the API calls this
   * before storing a registration, and {@link #use} before building a client.
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

  /** Closes every client not in use now; one still in use closes when its last user is done. */
  @Override
  public synchronized void close() {
    cache.values().forEach(ClusterClients::retire);
    cache.clear();
  }
}
