package dev.driftless.feedback;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A forge API token and the host it is bound to: the host whose name its secret carries. It is sent to that
 * host, or to the public API host serving it ({@code api.github.com} for {@code github.com}, {@code
 * api.bitbucket.org} for {@code bitbucket.org}), over HTTPS (plain HTTP only to this machine), and nowhere else.
 * {@code toString} never shows the value.
 */
record ProviderToken(String secretId, String host, String value) {

  private static final Map<String, String> API_HOSTS = Map.of(
      "github.com", "api.github.com",
      "bitbucket.org", "api.bitbucket.org");
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  /** True when this token may be sent to {@code uri}. */
  boolean mayGoTo(URI uri) {
    String to = uri.getHost();
    if (to == null || uri.getRawUserInfo() != null) return false;
    boolean sameHost = to.equalsIgnoreCase(host) || to.equalsIgnoreCase(API_HOSTS.getOrDefault(host, host));
    boolean secure = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && LOOPBACK.contains(to));
    return sameHost && secure;
  }

  @Override
  public String toString() {
    return "ProviderToken[secret=" + secretId + ", host=" + host + ", value=***]";
  }
}
