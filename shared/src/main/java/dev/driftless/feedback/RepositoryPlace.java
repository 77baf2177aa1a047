package dev.driftless.feedback;

import dev.driftless.source.RepositoryUrl;
import dev.driftless.source.RepositoryUrl.Transport;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a repository lives on its forge, from its clone URL: the host (lowercase), the port its web and API
 * answer on (-1: the scheme's default) and the repository's path segments without {@code .git}
 * ({@code [acme, deploy]}, or {@code [group, sub, deploy]} on GitLab). Only a plain path places a repository: a
 * URL {@link RepositoryUrl} finds ambiguous, or a segment outside {@code [A-Za-z0-9._-]}, places none, so a
 * repository URL can never steer an API call or a token lookup elsewhere. Over SSH the API is reached over HTTPS
 * on the default port; over plain HTTP only on this machine.
 */
public record RepositoryPlace(String scheme, String host, int port, List<String> segments) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  public RepositoryPlace {
    segments = List.copyOf(segments);
  }

  public static Optional<RepositoryPlace> of(String repoURL) {
    RepositoryUrl url = RepositoryUrl.parse(repoURL);
    if (!url.transport().isRemote() || (url.transport() == Transport.HTTP && !url.isLoopback())) {
      return Optional.empty();
    }
    String path = url.path();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if (path.endsWith(".git")) path = path.substring(0, path.length() - 4);
    List<String> segments = List.of(path.substring(1).split("/", -1));
    if (segments.size() < 2 || !segments.stream().allMatch(s -> SEGMENT.matcher(s).matches())) {
      return Optional.empty();
    }
    boolean http = url.transport() == Transport.HTTP;
    return Optional.of(new RepositoryPlace(http ? "http" : "https", url.host(),
        url.transport() == Transport.SSH ? -1 : url.port(), segments));
  }

  /** {@code https://host[:port]}: the forge's web root. */
  public String origin() {
    return scheme + "://" + host + (port == -1 ? "" : ":" + port);
  }

  /** The repository's path, {@code acme/deploy}. */
  public String path() {
    return String.join("/", segments);
  }

  /** The namespace (owner, workspace, group path): every segment but the last. */
  String owner() {
    return String.join("/", segments.subList(0, segments.size() - 1));
  }

  /** The repository's own name: the last segment. */
  String name() {
    return segments.get(segments.size() - 1);
  }
}
