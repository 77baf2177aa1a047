package dev.driftless.feedback;

import dev.driftless.health.HealthStatus;
import dev.driftless.model.Application;
import dev.driftless.reconcile.ReconcileResult;
import dev.driftless.secrets.SecretLayout;
import dev.driftless.secrets.SecretsClient;
import dev.driftless.source.RepositoryUrl;
import dev.driftless.source.RepositoryUrl.Transport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the commit status of a sync's end on the commit it deployed: success when synced, failure with the
 * reason, pending while it waits on health or a sync window. The repository's host names the provider
 * ({@link ProviderHosts}); its token comes from Secrets Manager ({@link ProviderTokens}). A repository with no
 * provider or no token gets no status. Posting never fails the sync: a failure is logged (naming the call and the
 * secret, never the token) and counted.
 */
public final class CommitStatuses {

  private static final Logger LOG = LoggerFactory.getLogger(CommitStatuses.class);
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final ProviderHosts providers;
  private final ProviderTokens tokens;
  private final ApiSender sender;
  private final String dashboardUrl;
  private final AtomicLong failures = new AtomicLong();

  CommitStatuses(ProviderHosts providers, ProviderTokens tokens, ApiSender sender, String dashboardUrl) {
    this.providers = providers;
    this.tokens = tokens;
    this.sender = sender;
    this.dashboardUrl = dashboardUrl == null ? null : dashboardUrl.strip().replaceAll("/+$", "");
  }

  /** Where the status links to: {@code <DRIFTLESS_DASHBOARD_URL>/applications/<name>} when set. */
  public static final String DASHBOARD_ENV = "DRIFTLESS_DASHBOARD_URL";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * Statuses configured from the environment ({@link ProviderHosts#ENV}, {@link #DASHBOARD_ENV}) with tokens read
   * through {@code secrets}; a setting that does not parse fails here, at start-up, naming the variable.
   */
  public static CommitStatuses fromEnvironment(SecretsClient secrets, SecretLayout layout, Map<String, String> env) {
    return new CommitStatuses(ProviderHosts.parse(env.get(ProviderHosts.ENV)), new ProviderTokens(secrets, layout),
        new ApiSender(TIMEOUT), dashboard(env.get(DASHBOARD_ENV)));
  }

  private static String dashboard(String url) {
    if (url == null || url.isBlank()) return null;
    RepositoryUrl u = RepositoryUrl.parse(url);
    if (u.transport() != Transport.HTTPS && !(u.transport() == Transport.HTTP && u.isLoopback())) {
      throw new IllegalArgumentException(DASHBOARD_ENV + ": '" + url + "' is not an https:// URL");
    }
    return url;
  }

  /** Posts the status of {@code result} on {@code commit}; returns whether one was posted. Never throws. */
  public boolean post(Application app, String commit, ReconcileResult result) {
    String repoURL = app.source().repoURL();
    try {
      Optional<CommitStatus> status = statusOf(app, commit, result);
      Optional<RepositoryPlace> repo = RepositoryPlace.of(repoURL);
      if (status.isEmpty() || repo.isEmpty()) return false;
      Optional<GitProvider> provider = providers.providerOf(repo.get().host());
      if (provider.isEmpty()) return false;
      Optional<ProviderToken> token = tokens.find(repo.get());
      if (token.isEmpty()) return false;
      sender.send(StatusCalls.of(provider.get(), repo.get(), status.get(), token.get().value()), token.get());
      return true;
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn("commit status of application {} at {} not posted: {}", app.name(), commit,
          e instanceof FeedbackException ? e.getMessage() : e.getClass().getSimpleName());
      return false;
    }
  }

  /** How many statuses failed to post since this instance was built. */
  public long failures() {
    return failures.get();
  }

  /** The status a sync's end gives its commit; none when the commit is not known by its full id. */
  Optional<CommitStatus> statusOf(Application app, String commit, ReconcileResult r) {
    if (commit == null || !SHA.matcher(commit).matches()) return Optional.empty();
    CommitState state;
    String text;
    switch (r.result()) {
      case SUCCEEDED -> {
        state = CommitState.SUCCESS;
        text = "synced" + (r.health() == null || r.health() == HealthStatus.UNKNOWN ? ""
            : ", " + r.health().name().toLowerCase(Locale.ROOT));
      }
      case FAILED -> {
        state = CommitState.FAILURE;
        text = "failed: " + r.message();
      }
      case RUNNING -> {
        state = CommitState.PENDING;
        text = "progressing: " + r.message();
      }
      case WAITING -> {
        state = CommitState.PENDING;
        text = "waiting: " + r.message();
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new CommitStatus(commit, state,
        CommitStatus.context(app.name(), app.destination().cluster()), text, targetUrl(app)));
  }

  private String targetUrl(Application app) {
    return dashboardUrl == null ? null
        : dashboardUrl + "/applications/" + URLEncoder.encode(app.name(), StandardCharsets.UTF_8);
  }
}
