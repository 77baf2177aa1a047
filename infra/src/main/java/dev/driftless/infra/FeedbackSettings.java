package dev.driftless.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;

/**
 * Where commit statuses and pull-request plans go, from the app's context: {@code gitProviders} names the provider of
 * each self-hosted Git host ({@code git.acme.com=gitlab,code.acme.com=forgejo}), {@code dashboardUrl} the https
 * address a status links to. Both become the sync function's environment ({@code DRIFTLESS_GIT_PROVIDERS},
 * {@code DRIFTLESS_DASHBOARD_URL}), where the feedback code reads them; a value the function would refuse at start is
 * refused here, at synth, naming its context key.
 */
record FeedbackSettings(String gitProviders, String dashboardUrl) {

  static final String PROVIDERS_CONTEXT = "gitProviders";
  static final String DASHBOARD_CONTEXT = "dashboardUrl";
  static final String PROVIDERS_ENV = "DRIFTLESS_GIT_PROVIDERS";
  static final String DASHBOARD_ENV = "DRIFTLESS_DASHBOARD_URL";

  private static final Pattern PAIR = Pattern.compile(
      "[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?=(github|gitlab|bitbucket|bitbucket-datacenter|gitea|forgejo)");

  FeedbackSettings {
    if (gitProviders != null) {
      for (String pair : gitProviders.split(",", -1)) {
        if (!PAIR.matcher(pair.strip()).matches()) {
          throw new IllegalArgumentException("context " + PROVIDERS_CONTEXT + ": '" + pair.strip() + "' is not "
              + "host=provider (provider one of github, gitlab, bitbucket, bitbucket-datacenter, gitea, forgejo)");
        }
      }
    }
    if (dashboardUrl != null && !isHttps(dashboardUrl)) {
      throw new IllegalArgumentException("context " + DASHBOARD_CONTEXT + ": '" + dashboardUrl
          + "' is not an https:// URL without user info, query or fragment");
    }
  }

  static FeedbackSettings fromContext(App app) {
    return new FeedbackSettings(blankToNull(app.getNode().tryGetContext(PROVIDERS_CONTEXT)),
        blankToNull(app.getNode().tryGetContext(DASHBOARD_CONTEXT)));
  }

  /** Sets the sync function's environment (it posts statuses and plan comments); nothing when neither is given. */
  void attach(Driftless driftless) {
    for (FunctionKind kind : List.of(FunctionKind.SYNC)) {
      if (gitProviders != null) driftless.function(kind).function().addEnvironment(PROVIDERS_ENV, gitProviders);
      if (dashboardUrl != null) driftless.function(kind).function().addEnvironment(DASHBOARD_ENV, dashboardUrl);
    }
  }

  private static boolean isHttps(String url) {
    try {
      URI u = new URI(url);
      return "https".equals(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null
          && u.getQuery() == null && u.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(Object v) {
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }
}
