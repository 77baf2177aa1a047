package dev.driftless.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository URL reduced to what decides where a credential goes: transport, lowercase host, port (the
 * scheme's default left out) and path. {@code https://github.com:443/acme/} and {@code https://github.com/acme}
 * are the same place; an scp-like {@code git@github.com:acme/deploy.git} is {@code ssh://github.com/acme/deploy.git}.
 * A URL whose place is ambiguous (user info on HTTP, a query, a fragment, escaped dots, slashes or percent signs,
 * backslashes, dot segments) is {@link Transport#UNCLEAR}: no credential covers it.
 */
public record RepositoryUrl(Transport transport, String host, int port, String path) {

  /** How the repository is reached. */
  public enum Transport {
    HTTPS, HTTP, SSH,
    /** {@code oci://host/path}: an OCI registry's repository, reached over HTTPS. */
    OCI,
    /** {@code file://} or a path on the local file system. */
    LOCAL,
    /** Any other scheme ({@code git://}, {@code ext::}, ...) or a URL that cannot be placed. */
    UNCLEAR;

    /** True for the transports a deployment in AWS fetches over. */
    public boolean isRemote() {
      return this == HTTPS || this == HTTP || this == SSH || this == OCI;
    }
  }

  private static final Pattern SCP_LIKE = Pattern.compile("(?:[A-Za-z0-9._~-]+@)?([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):(?!//)(.*)");
  /** Escapes that could hide a segment boundary or a dot segment from the prefix match. */
  private static final Pattern ESCAPED_SEPARATOR = Pattern.compile("%(2[eEfF]|5[cC]|25)");
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

  public static RepositoryUrl parse(String url) {
    if (url == null || url.isBlank()) return unclear();
    String u = url.strip();
    if (u.contains("\\") || ESCAPED_SEPARATOR.matcher(u).find() || u.chars().anyMatch(c -> c <= ' ')) {
      return unclear();
    }
    Matcher scheme = SCHEME.matcher(u);
    if (!scheme.matches()) {
      Matcher scp = SCP_LIKE.matcher(u);
      if (scp.matches() && !u.startsWith("/") && !u.startsWith(".")) {
        return place(Transport.SSH, scp.group(1), -1, "/" + scp.group(2));
      }
      return new RepositoryUrl(Transport.LOCAL, null, -1, u);
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    Transport t = switch (name) {
      case "https" -> Transport.HTTPS;
      case "http" -> Transport.HTTP;
      case "ssh" -> Transport.SSH;
      case "oci" -> Transport.OCI;
      case "file" -> Transport.LOCAL;
      default -> Transport.UNCLEAR;
    };
    if (t == Transport.UNCLEAR || t == Transport.LOCAL) return new RepositoryUrl(t, null, -1, u);
    try {
      URI uri = new URI(u);
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getHost() == null
          || (t != Transport.SSH && uri.getRawUserInfo() != null)) {
        return unclear();
      }
      return place(t, uri.getHost(), uri.getPort(), uri.getRawPath());
    } catch (URISyntaxException e) {
      return unclear();
    }
  }

  private static RepositoryUrl place(Transport t, String host, int port, String path) {
    String p = path == null || path.isEmpty() ? "/" : path;
    if (!p.startsWith("/")) p = "/" + p;
    for (String segment : p.split("/")) {
      if (segment.equals("..") || segment.equals(".")) return unclear();
    }
    int dflt = t == Transport.HTTPS || t == Transport.OCI ? 443 : t == Transport.HTTP ? 80 : 22;
    return new RepositoryUrl(t, host.toLowerCase(Locale.ROOT), port == dflt ? -1 : port, p);
  }

  private static RepositoryUrl unclear() {
    return new RepositoryUrl(Transport.UNCLEAR, null, -1, null);
  }

  /**
   * True when this URL lies under {@code prefix}: same transport, host and port, and the prefix's path ends at a
   * segment boundary of this one ({@code /acme} covers {@code /acme} and {@code /acme/deploy}, not
   * {@code /acme-evil}).
   */
  boolean isUnder(RepositoryUrl prefix) {
    if (!transport.isRemote() || prefix.transport != transport || !host.equals(prefix.host) || port != prefix.port) {
      return false;
    }
    String base = prefix.path.endsWith("/") ? prefix.path : prefix.path + "/";
    String mine = path.endsWith("/") ? path : path + "/";
    return mine.startsWith(base);
  }

  /** True when the host is this machine (only the local runner and tests may fetch over plain HTTP from it). */
  public boolean isLoopback() {
    return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
  }
}
